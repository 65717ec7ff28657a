<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <location filename="../../visualizer/app/banner.py" line="+49"/>
        <source>Dismiss this message</source>
        <translation>Diese Meldung schließen</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/classroom.py" line="+56"/>
        <source>Open &amp;lesson…</source>
        <translation>&amp;Lektion öffnen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a lesson file (.toml) written by a teacher</source>
        <translation>Eine Lektionsdatei (.toml) öffnen, die eine Lehrkraft geschrieben hat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;view…</source>
        <translation>An&amp;sicht exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the view in use as an image for a slide (at least 1920 px wide)</source>
        <translation>Die aktuelle Ansicht als Bild für eine Folie speichern (mindestens 1920 px breit)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Presentation</source>
        <translation>&amp;Präsentation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Projector mode: larger text, thicker lines, stronger colours; the side panels make way</source>
        <translation>Beamer-Modus: größere Schrift, dickere Linien, kräftigere Farben; die Seitenbereiche machen Platz</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Lessons</source>
        <translation>&amp;Lektionen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Guided experiments: settings in one click, what to watch, a question</source>
        <translation>Geführte Experimente: Einstellungen mit einem Klick, worauf man achtet, eine Frage</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../visualizer/app/window_actions.py" line="+101"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../visualizer/app/window_actions.py" line="+10"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../visualizer/app/window_actions.py" line="+9"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/config_edits.py" line="+46"/>
        <source>A new architecture</source>
        <translation>Eine neue Architektur</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../visualizer/app/controls.py" line="+129"/>
        <source>Network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New architecture: fresh random weights.</source>
        <translation>Neue Architektur: frische Zufallsgewichte.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A new seed (new random weights)</source>
        <translation>Ein neuer Startwert (neue Zufallsgewichte)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&lt;b&gt;Training diverged:&lt;/b&gt; {detail} The network you see is the last good one, so you can still inspect it.</source>
        <translation>&lt;b&gt;Das Training ist divergiert:&lt;/b&gt; {detail} Das angezeigte Netz ist das letzte intakte, Sie können es also weiter untersuchen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use learning rate {lr}</source>
        <translation>Lernrate {lr} verwenden</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../visualizer/app/controls.py" line="+24"/>
        <location filename="../../visualizer/app/twin_dialog.py" line="+22"/>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/control_texts.py" line="+17"/>
        <source>Embedded sample (5,000 digits)</source>
        <translation>Mitgeliefert (5.000 Ziffern)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>5,000 real handwritten MNIST digits shipped with the app: loads instantly, trains in seconds.</source>
        <translation>5.000 echte handgeschriebene MNIST-Ziffern, die mit der App ausgeliefert werden: sofort geladen, in Sekunden trainiert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MNIST (70,000 digits)</source>
        <translation>MNIST (70.000 Ziffern)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The classic set of 70,000 handwritten digits; downloaded once (about 11 MB) and kept on disk.</source>
        <translation>Der klassische Satz von 70.000 handgeschriebenen Ziffern; einmal heruntergeladen (etwa 11 MB) und auf der Festplatte behalten.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fashion-MNIST (clothing)</source>
        <translation>Fashion-MNIST (Kleidung)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>70,000 small photos of clothes in 10 classes: same format as MNIST, noticeably harder to learn.</source>
        <translation>70.000 kleine Fotos von Kleidungsstücken in 10 Klassen: dasselbe Format wie MNIST, spürbar schwerer zu lernen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My digits (your handwriting)</source>
        <translation>Meine Ziffern (Ihre Handschrift)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The digits you drew and labelled in the My digits panel.</source>
        <translation>Die Ziffern, die Sie im Bereich „Meine Ziffern“ gezeichnet und beschriftet haben.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sigmoid</source>
        <translation>Sigmoid</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ReLU: passes positive values, zeroes negatives. Fast to train; the usual default.</source>
        <translation>ReLU: lässt positive Werte durch, setzt negative auf null. Trainiert schnell; die übliche Voreinstellung.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leaky ReLU: like ReLU but lets a little of negative values through, so units never &apos;die&apos;.</source>
        <translation>Leaky ReLU: wie ReLU, lässt aber einen kleinen Teil negativer Werte durch, sodass Neuronen nie „sterben“.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sigmoid: squashes values into 0..1. Historic; learns slowly in deep networks.</source>
        <translation>Sigmoid: staucht Werte in den Bereich 0..1. Historisch; lernt in tiefen Netzen langsam.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tanh: squashes values into -1..1, centred on zero. Better than sigmoid, slower than ReLU.</source>
        <translation>tanh: staucht Werte in den Bereich -1..1, um null zentriert. Besser als Sigmoid, langsamer als ReLU.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>SGD + momentum</source>
        <translation>SGD + Momentum</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SGD + Nesterov momentum</source>
        <translation>SGD + Nesterov-Momentum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AdamW (decoupled decay)</source>
        <translation>AdamW (entkoppelter Zerfall)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Plain stochastic gradient descent: step straight downhill on each batch&apos;s gradient.</source>
        <translation>Einfacher stochastischer Gradientenabstieg: bei jedem Stapel ein Schritt direkt bergab entlang seines Gradienten.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SGD that keeps a running velocity, so it rolls through small bumps and speeds up on slopes.</source>
        <translation>SGD mit einer mitlaufenden Geschwindigkeit: rollt über kleine Unebenheiten hinweg und wird an Hängen schneller.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Momentum that looks ahead before stepping; often a little steadier than plain momentum.</source>
        <translation>Momentum, das vor dem Schritt vorausschaut; oft etwas ruhiger als einfaches Momentum.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adam adapts the step size of every weight from its recent gradients; works well with little tuning.</source>
        <translation>Adam passt die Schrittweite jedes Gewichts an seine letzten Gradienten an; funktioniert mit wenig Feinabstimmung gut.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Adam with weight decay applied directly to the weights instead of through the gradient.</source>
        <translation>Adam, bei dem der Gewichtszerfall direkt auf die Gewichte wirkt statt über den Gradienten.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Constant</source>
        <translation>Konstant</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Step decay</source>
        <translation>Stufenweise</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cosine</source>
        <translation>Kosinus</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>He (for ReLU)</source>
        <translation>He (für ReLU)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The images the network learns from. Each is a 28x28 grayscale picture with the right answer (its class) attached.</source>
        <translation>Die Bilder, aus denen das Netz lernt. Jedes ist ein 28x28-Graustufenbild mit der richtigen Antwort (seiner Klasse).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Load your own data: a folder holding the four MNIST IDX files (train/test images and labels, .gz or raw), a Keras mnist.npz, or a folder of class folders of images.</source>
        <translation>Eigene Daten laden: ein Ordner mit den vier MNIST-IDX-Dateien (Trainings-/Testbilder und Labels, .gz oder unkomprimiert), eine Keras-mnist.npz oder ein Ordner mit einem Unterordner von Bildern je Klasse.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The network trains on the training images; the validation images are held back to check how well it does on digits it never trained on.</source>
        <translation>Das Netz trainiert mit den Trainingsbildern; die Validierungsbilder werden zurückgehalten, um zu prüfen, wie gut es bei Ziffern abschneidet, die es nie gesehen hat.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hidden layers between the input pixels and the output. Each layer turns the previous layer&apos;s values into new features. Up to {n}, the same limit as the command line.</source>
        <translation>Verborgene Schichten zwischen den Eingabepixeln und der Ausgabe. Jede Schicht macht aus den Werten der vorigen neue Merkmale. Bis zu {n}, dieselbe Grenze wie auf der Kommandozeile.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The function each hidden unit applies to its weighted sum; without it, stacked layers would be no better than one.</source>
        <translation>Die Funktion, die jedes verborgene Neuron auf seine gewichtete Summe anwendet; ohne sie wären gestapelte Schichten nicht besser als eine einzige.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How the starting random weights are scaled. Automatic picks He for ReLU-like activations and Xavier for sigmoid/tanh, which keeps signals from fading or exploding.</source>
        <translation>Wie die zufälligen Startgewichte skaliert werden. „Automatisch“ wählt He für ReLU-artige Aktivierungen und Xavier für Sigmoid/tanh; so verblassen oder explodieren die Signale nicht.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The layer sizes from input pixels to the class scores, and how many weights and biases the network learns.</source>
        <translation>Die Schichtgrößen von den Eingabepixeln bis zu den Klassenwerten und wie viele Gewichte und Biases das Netz lernt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The rule that turns the gradient (which way is downhill) into an update of the weights.</source>
        <translation>Die Regel, die aus dem Gradienten (wo es bergab geht) eine Änderung der Gewichte macht.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How big a step the weights take on each batch. Too small learns slowly; too large makes the loss jump around or explode. The slider stops at 1, 2, 3 and 5 x 10^k; type any other value in the field. You can change it while training.</source>
        <translation>Wie groß der Schritt der Gewichte bei jedem Stapel ist. Zu klein lernt langsam; zu groß lässt den Verlust springen oder explodieren. Der Schieberegler rastet bei 1, 2, 3 und 5 x 10^k ein; jeden anderen Wert tippen Sie ins Feld. Lässt sich während des Trainings ändern.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>For momentum optimizers: how much of the previous step carries over into the next one (0.9 = 90%). Can change while training.</source>
        <translation>Für Momentum-Optimierer: wie viel des vorigen Schritts in den nächsten übernommen wird (0.9 = 90 %). Lässt sich während des Trainings ändern.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How the learning rate changes over the epochs: constant, halved every few epochs (step), or smoothly lowered to zero along a cosine curve.</source>
        <translation>Wie sich die Lernrate über die Epochen ändert: konstant, alle paar Epochen halbiert (stufenweise) oder entlang einer Kosinuskurve sanft bis auf null gesenkt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Step decay: every this many epochs, the learning rate is multiplied by this factor.</source>
        <translation>Stufenweise: nach jeweils so vielen Epochen wird die Lernrate mit diesem Faktor multipliziert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step decay: after this many epochs the learning rate is multiplied by the factor.</source>
        <translation>Stufenweise: nach so vielen Epochen wird die Lernrate mit dem Faktor multipliziert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step decay: the factor the learning rate is multiplied by at each step.</source>
        <translation>Stufenweise: der Faktor, mit dem die Lernrate bei jeder Stufe multipliziert wird.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many images are averaged for each weight update. Small batches give noisy but frequent steps; large batches give smooth but fewer steps. 1 is plain stochastic gradient descent; up to {n}, as on the command line. The arrows double or halve it.</source>
        <translation>Über wie viele Bilder für jede Änderung der Gewichte gemittelt wird. Kleine Stapel geben verrauschte, aber häufige Schritte; große Stapel glatte, aber weniger Schritte. 1 ist einfacher stochastischer Gradientenabstieg; bis zu {n}, wie auf der Kommandozeile. Die Pfeile verdoppeln oder halbieren den Wert.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How many times training goes through the whole training set. Start continues for this many more epochs. Can change while training: the run then trains this many in all (not fewer than it has begun), and a cosine schedule stretches to the new end.</source>
        <translation>Wie oft das Training den ganzen Trainingssatz durchläuft. Start trainiert so viele weitere Epochen. Lässt sich während des Trainings ändern: der Lauf trainiert dann insgesamt so viele (nicht weniger, als er begonnen hat), und ein Kosinus-Verlauf dehnt sich bis zum neuen Ende.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>L2 weight decay: a penalty on large weights that nudges them toward zero, which helps the network generalise instead of memorising. Can change while training.</source>
        <translation>L2-Gewichtszerfall: eine Strafe auf große Gewichte, die sie Richtung null schiebt; so verallgemeinert das Netz, statt auswendig zu lernen. Lässt sich während des Trainings ändern.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dropout: during training, switch off this share of hidden units at random on each batch, so the network cannot rely on any single unit. Can change while training.</source>
        <translation>Dropout: schaltet beim Training in jedem Stapel diesen Anteil der verborgenen Neuronen zufällig ab, sodass sich das Netz auf kein einzelnes Neuron verlassen kann. Lässt sich während des Trainings ändern.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Randomly rotate, shift, scale and distort every training image a little, so the network sees more variety and generalises better.</source>
        <translation>Jedes Trainingsbild zufällig ein wenig drehen, verschieben, skalieren und verzerren, damit das Netz mehr Vielfalt sieht und besser verallgemeinert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The random seed: the same seed gives the same starting weights and the same order of batches, so a run can be repeated exactly.</source>
        <translation>Der Zufallsstartwert: derselbe Startwert ergibt dieselben Startgewichte und dieselbe Reihenfolge der Stapel, sodass sich ein Lauf exakt wiederholen lässt.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Locked while a run is under way, paused or not: the run was set up with this value. Stop the run to change it.</source>
        <translation>Gesperrt, solange ein Lauf im Gang ist, pausiert oder nicht: der Lauf wurde mit diesem Wert eingerichtet. Beenden Sie den Lauf, um ihn zu ändern.</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/control_widgets.py" line="+155"/>
        <source>+ Add layer</source>
        <translation>+ Schicht hinzufügen</translation>
    </message>
    <message>
        <location line="+31"/>
        <source> units</source>
        <translation> Neuronen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How many units (neurons) this hidden layer has. More units can learn more patterns but take longer and may memorise the training set.</source>
        <translation>Wie viele Neuronen diese verborgene Schicht hat. Mehr Neuronen können mehr Muster lernen, brauchen aber länger und lernen den Trainingssatz womöglich auswendig.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remove this hidden layer.</source>
        <translation>Diese verborgene Schicht entfernen.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Layer {n}</source>
        <translation>{n}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>At most {n} hidden layers, in the app as on the command line; remove one to add another.</source>
        <translation>Höchstens {n} verborgene Schichten, in der App wie auf der Kommandozeile; entfernen Sie eine, um eine andere hinzuzufügen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add another hidden layer. Deeper networks can learn more abstract features but train more slowly (up to {n}).</source>
        <translation>Eine weitere verborgene Schicht hinzufügen. Tiefere Netze können abstraktere Merkmale lernen, trainieren aber langsamer (bis zu {n}).</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/config_diff.py" line="+38"/>
        <source>leaky ReLU</source>
        <translation>Leaky ReLU</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>sigmoid</source>
        <translation>Sigmoid</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>momentum SGD</source>
        <translation>Momentum-SGD</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>constant lr</source>
        <translation>konstante LR</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>step lr</source>
        <translation>stufenweise LR</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>cosine lr</source>
        <translation>Kosinus-LR</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>auto init</source>
        <translation>autom. Init.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>He init</source>
        <translation>He-Init.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Xavier init</source>
        <translation>Xavier-Init.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>hidden</source>
        <translation>verborgen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>lr</source>
        <translation>LR</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>momentum</source>
        <translation>Momentum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>batch</source>
        <translation>Stapel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>augment</source>
        <translation>Augmentierung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>seed</source>
        <translation>Startwert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../visualizer/app/controls.py" line="-101"/>
        <location filename="../../visualizer/app/views/edits_panel.py" line="+45"/>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>+{n} more</source>
        <translation>+{n} weitere</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/controls.py" line="+63"/>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open folder…</source>
        <translation>Ordner öffnen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../visualizer/app/data_actions.py" line="+187"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Layers</source>
        <translation>Schichten</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../visualizer/app/twin_dialog.py" line="+0"/>
        <source>Activation</source>
        <translation>Aktivierung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Init</source>
        <translation>Initialisierung</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../visualizer/app/main_window.py" line="+50"/>
        <location filename="../../visualizer/app/window_actions.py" line="+9"/>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../visualizer/app/twin_dialog.py" line="+0"/>
        <source>Optimizer</source>
        <translation>Optimierer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Momentum</source>
        <translation>Momentum</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../visualizer/app/twin_dialog.py" line="+1"/>
        <source>Batch size</source>
        <translation>Stapelgröße</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../visualizer/app/curves_build.py" line="+59"/>
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>every </source>
        <translation>alle </translation>
    </message>
    <message>
        <location line="+1"/>
        <source> ep.</source>
        <translation> Ep.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>LR schedule</source>
        <translation>LR-Verlauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decay</source>
        <translation>Abnahme</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Regularization</source>
        <translation>Regularisierung</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Augment images</source>
        <translation>Bilder variieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>L2 decay</source>
        <translation>L2-Zerfall</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../visualizer/app/twin_dialog.py" line="+0"/>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed</source>
        <translation>Startwert</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Folder: {name}</source>
        <translation>Ordner: {name}</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>{n} weights and biases to learn</source>
        <translation>{n} Gewichte und Biases zu lernen</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/data_actions.py" line="-147"/>
        <source>MNIST sample</source>
        <translation>MNIST-Auswahl</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;b&gt;{name}&lt;/b&gt;: {train} training · {val} validation · {test} test images</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt;: {train} Trainings- · {val} Validierungs- · {test} Testbilder</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Save and switch…</source>
        <translation>Speichern und wechseln…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Switch without saving</source>
        <translation>Ohne Speichern wechseln</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start a new network</source>
        <translation>Ein neues Netz beginnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Switch dataset</source>
        <translation>Datensatz wechseln</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The network was trained on {old}: its outputs are {old}&apos;s classes, so on {new} it would only guess. Switching to {new} starts a new network with fresh random weights.</source>
        <translation>Das Netz wurde mit {old} trainiert: seine Ausgaben sind die Klassen von {old}, bei {new} würde es nur raten. Der Wechsel zu {new} beginnt ein neues Netz mit frischen Zufallsgewichten.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Its training is not saved in any file.</source>
        <translation>Sein Training ist in keiner Datei gespeichert.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open a dataset folder: MNIST files, or class folders of images</source>
        <translation>Einen Datensatz-Ordner öffnen: MNIST-Dateien oder Klassenordner mit Bildern</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Preparing the images of {name}…</source>
        <translation>Die Bilder von {name} werden vorbereitet…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Downloading {name}…
It is kept on disk, so this happens only once.</source>
        <translation>{name} wird heruntergeladen…
Er wird auf der Festplatte behalten, das geschieht also nur einmal.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../visualizer/app/twin_dialog.py" line="+31"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preparing images</source>
        <translation>Bilder werden vorbereitet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Downloading data</source>
        <translation>Daten werden heruntergeladen</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Preparing images… {done} of {total}</source>
        <translation>Bilder werden vorbereitet… {done} von {total}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Downloading… {done} of {total} MB</source>
        <translation>Wird heruntergeladen… {done} von {total} MB</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Downloading… {done} MB</source>
        <translation>Wird heruntergeladen… {done} MB</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>New network for {name}: fresh random weights.</source>
        <translation>Neues Netz für {name}: frische Zufallsgewichte.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>A new network</source>
        <translation>Ein neues Netz</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The network has {outputs} outputs but {name} has {k} classes: it cannot learn them.</source>
        <translation>Das Netz hat {outputs} Ausgaben, {name} aber {k} Klassen: es kann sie nicht lernen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New network for these classes</source>
        <translation>Neues Netz für diese Klassen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Details…</source>
        <translation>Details…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Loading the dataset failed</source>
        <translation>Der Datensatz konnte nicht geladen werden</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/dialogs.py" line="+17"/>
        <source>Visualizer models (*.npz);;All files (*)</source>
        <translation>Visualizer-Modelle (*.npz);;Alle Dateien (*)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../visualizer/app/file_actions.py" line="+52"/>
        <location filename="../../visualizer/app/lessons.py" line="+83"/>
        <location filename="../../visualizer/app/views/evaluation_view.py" line="+169"/>
        <source>%n epoch(s)</source>
        <translation>
            <numerusform>%n Epoche</numerusform>
            <numerusform>%n Epochen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n batch(es)</source>
        <translation>
            <numerusform>%n Stapel</numerusform>
            <numerusform>%n Stapel</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+94"/>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>Unsaved training</source>
        <translation>Ungespeichertes Training</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The network&apos;s training ({trained}) is not saved in any file. {what} would discard it.

Save it first?</source>
        <translation>Das Training des Netzes ({trained}) ist in keiner Datei gespeichert. {what} würde es verwerfen.

Zuerst speichern?</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+12"/>
        <source>Opening another model</source>
        <translation>Das Öffnen eines anderen Modells</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Open model</source>
        <translation>Modell öffnen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Stop training before opening another model.</source>
        <translation>Beenden Sie das Training, bevor Sie ein anderes Modell öffnen.</translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="../../visualizer/app/model_files.py" line="+43"/>
        <source>{path}: the model is too large to open (its weights do not fit in the memory available)</source>
        <translation>{path}: das Modell ist zu groß zum Öffnen (seine Gewichte passen nicht in den verfügbaren Speicher)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{path}: the file holds values no model can have ({error})</source>
        <translation>{path}: die Datei enthält Werte, die kein Modell haben kann ({error})</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Opened {name}: %n epoch(s) trained.</source>
        <translation>
            <numerusform>{name} geöffnet: %n Epoche trainiert.</numerusform>
            <numerusform>{name} geöffnet: %n Epochen trainiert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not open the model</source>
        <translation>Das Modell konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Save model</source>
        <translation>Modell speichern</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+3"/>
        <location line="+62"/>
        <source>Could not save the model</source>
        <translation>Das Modell konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>The model is unchanged; save it somewhere else.</source>
        <translation>Das Modell ist unverändert; speichern Sie es an einem anderen Ort.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+13"/>
        <source>Saved {path}</source>
        <translation>{path} gespeichert</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Open it</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+61"/>
        <source>Save as…</source>
        <translation>Speichern unter…</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>Stop training first to open it.</source>
        <translation>Beenden Sie zuerst das Training, um es zu öffnen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Opened the unsaved model from the last session. Save it (Ctrl+S) to keep it.</source>
        <translation>Das ungespeicherte Modell der letzten Sitzung wurde geöffnet. Speichern Sie es (Strg+S), um es zu behalten.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save the unsaved model from the last session</source>
        <translation>Das ungespeicherte Modell der letzten Sitzung speichern</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Saved the model from the last session to {path}</source>
        <translation>Das Modell der letzten Sitzung wurde unter {path} gespeichert</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Discarded the unsaved model from the last session.</source>
        <translation>Das ungespeicherte Modell der letzten Sitzung wurde verworfen.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Your unsaved model could not be kept for the next start.</source>
        <translation>Ihr ungespeichertes Modell konnte nicht für den nächsten Start aufbewahrt werden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unsaved model not kept</source>
        <translation>Ungespeichertes Modell nicht aufbewahrt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit without saving</source>
        <translation>Beenden ohne Speichern</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/lessons.py" line="-1"/>
        <source>{optimizer} lr {lr}</source>
        <translation>{optimizer} Lernrate {lr}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>batch {n}</source>
        <translation>Stapel {n}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>dropout {p}</source>
        <translation>Dropout {p}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>augmentation</source>
        <translation>Augmentierung</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location filename="../../visualizer/app/views/confusion_matrix.py" line="+174"/>
        <location filename="../../visualizer/app/views/gallery_panel.py" line="+73"/>
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n Bild</numerusform>
            <numerusform>%n Bilder</numerusform>
        </translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{path}: cannot read the lesson: {error}</source>
        <translation>{path}: die Lektion kann nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{source}, line {line}</source>
        <translation>{source}, Zeile {line}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{where}: not valid TOML: {reason}</source>
        <translation>{where}: kein gültiges TOML: {reason}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{key} must be a table ([{key}])</source>
        <translation>{key} muss eine Tabelle sein ([{key}])</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unknown key {key} (known: {known})</source>
        <translation>unbekannter Schlüssel {key} (bekannt: {known})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{key} must be a non-empty text in quotes</source>
        <translation>{key} muss ein nicht leerer Text in Anführungszeichen sein</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{source}: missing {missing} (every lesson needs {required})</source>
        <translation>{source}: es fehlt {missing} (jede Lektion braucht {required})</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>unknown key {key} in [dataset] (known: {known})</source>
        <translation>unbekannter Schlüssel {key} in [dataset] (bekannt: {known})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the dataset name must be a non-empty text in quotes</source>
        <translation>der Name des Datensatzes muss ein nicht leerer Text in Anführungszeichen sein</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>train_images must be a whole number of at least {n}, got {value}</source>
        <translation>train_images muss eine ganze Zahl von mindestens {n} sein, nicht {value}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>unknown setting {key} in [{table}] (known: {known})</source>
        <translation>unbekannte Einstellung {key} in [{table}] (bekannt: {known})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>hidden must be a list of layer widths, e.g. hidden = [64, 32]</source>
        <translation>hidden muss eine Liste von Schichtbreiten sein, z. B. hidden = [64, 32]</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/lessons_panel.py" line="+29"/>
        <source>Lessons (*.toml);;All files (*)</source>
        <translation>Lektionen (*.toml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../visualizer/app/views/gradients_view.py" line="+91"/>
        <source>Curves</source>
        <extracomment>str: the verdict sentence shown after a redraw</extracomment>
        <translation>Kurven</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Apply settings</source>
        <translation>Einstellungen übernehmen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the lesson&apos;s network, training settings and dataset (asks before unsaved training is discarded)</source>
        <translation>Netz, Trainingseinstellungen und Datensatz der Lektion setzen (fragt, bevor ungespeichertes Training verworfen wird)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the view</source>
        <translation>Ansicht zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bring the view this lesson watches to the front</source>
        <translation>Die Ansicht, um die es in dieser Lektion geht, nach vorn holen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reveal the explanation</source>
        <translation>Erklärung aufdecken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answer the question first, then read the explanation</source>
        <translation>Erst die Frage beantworten, dann die Erklärung lesen</translation>
    </message>
    <message>
        <location line="+51"/>
        <location line="+78"/>
        <source>Lesson</source>
        <translation>Lektion</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>No lessons.</source>
        <translation>Keine Lektionen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show {view}</source>
        <translation>{view} zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Explanation.&lt;/b&gt; {text}</source>
        <translation>&lt;b&gt;Erklärung.&lt;/b&gt; {text}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&lt;b&gt;Watch:&lt;/b&gt; the &lt;b&gt;{view}&lt;/b&gt; view.</source>
        <translation>&lt;b&gt;Beobachten:&lt;/b&gt; die Ansicht &lt;b&gt;{view}&lt;/b&gt;.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Watch:&lt;/b&gt; this lesson needs the &lt;b&gt;{view}&lt;/b&gt; view, which this version of visualizer does not have yet.</source>
        <translation>&lt;b&gt;Beobachten:&lt;/b&gt; diese Lektion braucht die Ansicht &lt;b&gt;{view}&lt;/b&gt;, die es in dieser Version von visualizer noch nicht gibt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;Goal:&lt;/b&gt; {text}</source>
        <translation>&lt;b&gt;Ziel:&lt;/b&gt; {text}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Settings:&lt;/b&gt; {text}</source>
        <translation>&lt;b&gt;Einstellungen:&lt;/b&gt; {text}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply them, then press Start (F5).</source>
        <translation>Übernehmen Sie sie und drücken Sie dann Start (F5).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Question:&lt;/b&gt; {text}</source>
        <translation>&lt;b&gt;Frage:&lt;/b&gt; {text}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Stop training before applying a lesson&apos;s settings.</source>
        <translation>Beenden Sie das Training, bevor Sie die Einstellungen einer Lektion übernehmen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Applying the lesson “{title}”</source>
        <translation>Das Übernehmen der Lektion „{title}“</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Lesson “{title}”: settings applied. Press Start (F5).</source>
        <translation>Lektion „{title}“: Einstellungen übernommen. Drücken Sie Start (F5).</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Lessons</source>
        <translation>Lektionen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open lesson</source>
        <translation>Lektion öffnen</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/main_window.py" line="+0"/>
        <location filename="../../visualizer/app/status_bar.py" line="+28"/>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Finished</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Diverged</source>
        <translation>Divergiert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Loading data</source>
        <translation>Daten laden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Starting over with new random weights</source>
        <translation>Ein Neubeginn mit neuen Zufallsgewichten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New random weights: the network starts from scratch.</source>
        <translation>Neue Zufallsgewichte: das Netz beginnt von vorn.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../visualizer/app/window_actions.py" line="-72"/>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../visualizer/app/window_actions.py" line="+3"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Export curves as PNG</source>
        <translation>Kurven als PNG exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../visualizer/app/view_export.py" line="+167"/>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export metrics as CSV</source>
        <translation>Messwerte als CSV exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>{network} on {dataset}</source>
        <translation>{network} mit {dataset}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>About visualizer</source>
        <translation>Über visualizer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Watch a neural network learn handwritten digits, live, and look inside it.</source>
        <translation>Sehen Sie einem neuronalen Netz live beim Lernen handgeschriebener Ziffern zu und schauen Sie hinein.</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/messages.py" line="+38"/>
        <source>Could not write {path}: {reason}.</source>
        <translation>{path} konnte nicht geschrieben werden: {reason}.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>the download mirror</source>
        <translation>den Download-Spiegel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>any of the {n} download mirrors</source>
        <translation>keinen der {n} Download-Spiegel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The download was damaged: no mirror delivered an intact copy ({n} tried).</source>
        <translation>Der Download war beschädigt: kein Spiegel lieferte eine intakte Kopie ({n} versucht).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No internet connection: could not reach {where}.</source>
        <translation>Keine Internetverbindung: {where} war nicht erreichbar.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The dataset could not be downloaded: the file was not found on {where}.</source>
        <translation>Der Datensatz konnte nicht heruntergeladen werden: die Datei wurde auf {where} nicht gefunden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The dataset could not be downloaded from {where}.</source>
        <translation>Der Datensatz konnte nicht von {where} heruntergeladen werden.</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/model_files.py" line="-7"/>
        <source>{path}: the model maps {inputs} inputs to {classes} classes; the app needs {need_inputs} inputs (28x28 images) and {need_classes} classes</source>
        <translation>{path}: das Modell bildet {inputs} Eingaben auf {classes} Klassen ab; die App braucht {need_inputs} Eingaben (28x28-Bilder) und {need_classes} Klassen</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/speed_control.py" line="+24"/>
        <location line="+46"/>
        <source>Full speed</source>
        <translation>Volle Geschwindigkeit</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>{n} batch/s</source>
        <translation>{n} Stapel/s</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{n} batches/s</source>
        <translation>{n} Stapel/s</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Speed</source>
        <extracomment>float | None: the chosen speed in batches per second (None: full speed)</extracomment>
        <translation>Tempo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Training speed</source>
        <translation>Trainingstempo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How fast training runs: slow enough to watch every batch, or as fast as it goes. At 10 batches/s or slower every view shows every batch.</source>
        <translation>Wie schnell das Training läuft: langsam genug, um jeden Stapel zu verfolgen, oder so schnell es geht. Bei 10 Stapeln/s oder langsamer zeigt jede Ansicht jeden Stapel.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Train as fast as it goes</source>
        <translation>So schnell trainieren, wie es geht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Slow down</source>
        <translation>Langsamer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to {speed}, slow enough to watch</source>
        <translation>Zurück zu {speed}, langsam genug zum Zuschauen</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/status.py" line="+42"/>
        <source>Epoch –</source>
        <translation>Epoche –</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+145"/>
        <source>Batch –</source>
        <translation>Stapel –</translation>
    </message>
    <message>
        <location line="-134"/>
        <location line="+3"/>
        <source>{s} s</source>
        <translation>{s} s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{m} min {s} s</source>
        <translation>{m} min {s} s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{h} h {m} min</source>
        <translation>{h} h {m} min</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Validation accuracy {accuracy}%  ·  loss {loss}</source>
        <translation>Validierungsgenauigkeit {accuracy} %  ·  Verlust {loss}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Training accuracy {accuracy}%</source>
        <translation>Trainingsgenauigkeit {accuracy} %</translation>
    </message>
    <message numerus="yes">
        <location line="+88"/>
        <source>Finished %n more epoch(s) in {time} ({total} in all).</source>
        <translation>
            <numerusform>%n weitere Epoche in {time} fertig ({total} insgesamt).</numerusform>
            <numerusform>%n weitere Epochen in {time} fertig ({total} insgesamt).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Finished %n epoch(s) in {time}.</source>
        <translation>
            <numerusform>%n Epoche in {time} fertig.</numerusform>
            <numerusform>%n Epochen in {time} fertig.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>ETA {time}</source>
        <translation>noch {time}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Epoch %v / %m</source>
        <translation>Epoche %v / %m</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch %v / %m</source>
        <translation>Stapel %v / %m</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} images/s</source>
        <translation>{n} Bilder/s</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/status_bar.py" line="+0"/>
        <source>What the training is doing now</source>
        <translation>Was das Training gerade tut</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Epochs of the network: the bar fills as this run trains its epochs (an epoch is one pass over the training set)</source>
        <translation>Epochen des Netzes: der Balken füllt sich, während dieser Lauf seine Epochen trainiert (eine Epoche ist ein Durchgang durch den Trainingssatz)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Batches done in the current epoch</source>
        <translation>Erledigte Stapel in der aktuellen Epoche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training speed: images per second</source>
        <translation>Trainingstempo: Bilder pro Sekunde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Estimated time until this run finishes</source>
        <translation>Geschätzte Zeit bis zum Ende dieses Laufs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The latest validation accuracy (on images the network does not train on)</source>
        <translation>Die letzte Validierungsgenauigkeit (auf Bildern, mit denen das Netz nicht trainiert)</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/__init__.py" line="+154"/>
        <source>Draw</source>
        <translation>Zeichnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weights</source>
        <translation>Gewichte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evaluation</source>
        <translation>Auswertung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Landscape</source>
        <translation>Landschaft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activations</source>
        <translation>Aktivierungen</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/window_actions.py" line="-36"/>
        <source>Drawing pad: undo the last stroke</source>
        <translation>Zeichenfeld: den letzten Strich rückgängig machen</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Drawing pad: clear it</source>
        <translation>Zeichenfeld: leeren</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Train for the chosen number of epochs (continues from the current weights)</source>
        <translation>Für die gewählte Zahl von Epochen trainieren (macht mit den aktuellen Gewichten weiter)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pause or resume training between two batches</source>
        <translation>Das Training zwischen zwei Stapeln anhalten oder fortsetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Train exactly one batch, then pause</source>
        <translation>Genau einen Stapel trainieren, dann anhalten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop training after the current batch (the weights are kept)</source>
        <translation>Das Training nach dem aktuellen Stapel beenden (die Gewichte bleiben erhalten)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start over with new random weights</source>
        <translation>Mit neuen Zufallsgewichten von vorn beginnen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Open model…</source>
        <translation>Modell ö&amp;ffnen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a saved model: architecture, weights and history</source>
        <translation>Ein gespeichertes Modell öffnen: Architektur, Gewichte und Verlauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save model…</source>
        <translation>Modell &amp;speichern…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the model (weights, settings and history) to a .npz file</source>
        <translation>Das Modell (Gewichte, Einstellungen und Verlauf) in einer .npz-Datei speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export curves as &amp;PNG…</source>
        <translation>Kurven als &amp;PNG exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the curves as an image</source>
        <translation>Die Kurven als Bild speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export metrics as &amp;CSV…</source>
        <translation>Messwerte als &amp;CSV exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the loss, accuracy and learning rate of every batch and epoch</source>
        <translation>Verlust, Genauigkeit und Lernrate jedes Stapels und jeder Epoche speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit visualizer (a trained model you did not save is kept and offered at the next start)</source>
        <translation>visualizer beenden (ein trainiertes, nicht gespeichertes Modell wird aufbewahrt und beim nächsten Start angeboten)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset &amp;layout</source>
        <translation>&amp;Layout zurücksetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put every panel back where it started</source>
        <translation>Alle Bereiche an ihren ursprünglichen Platz zurücklegen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Follow the &amp;system</source>
        <translation>Wie das &amp;System</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Training</source>
        <translation>&amp;Training</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Panels</source>
        <translation>Be&amp;reiche</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About visualizer</source>
        <translation>&amp;Über visualizer</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Pause / resume (starts when idle)</source>
        <translation>Anhalten / fortsetzen (startet, wenn nichts läuft)</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/window_language.py" line="+32"/>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Follow the &amp;system ({language})</source>
        <translation>Wie das &amp;System ({language})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The language of the window (changes when the app is restarted)</source>
        <translation>Die Sprache des Fensters (wechselt beim nächsten Start der App)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The language changes when the app is restarted.

Restart now? A trained model you have not saved is kept and offered at the next start.</source>
        <translation>Die Sprache wechselt, wenn die App neu gestartet wird.

Jetzt neu starten? Ein trainiertes, nicht gespeichertes Modell wird aufbewahrt und beim nächsten Start angeboten.</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/compare.py" line="+66"/>
        <source>The twin: {message}</source>
        <translation>Der Zwilling: {message}</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Run a &amp;twin…</source>
        <translation>&amp;Zwilling trainieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train a second network beside this one with one setting changed, and compare them live</source>
        <translation>Ein zweites Netz neben diesem trainieren, mit einer geänderten Einstellung, und beide live vergleichen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keep the twin</source>
        <translation>Zwilling &amp;behalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make the twin the current network (this one&apos;s curves stay as a ghost)</source>
        <translation>Den Zwilling zum aktuellen Netz machen (die Kurven dieses Netzes bleiben als Geist)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Discard the twin</source>
        <translation>Zwilling &amp;verwerfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the twin and forget it</source>
        <translation>Den Zwilling stoppen und vergessen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save t&amp;win as…</source>
        <translation>Zwilling speichern &amp;unter…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save the twin network to a file</source>
        <translation>Das Zwillingsnetz in einer Datei speichern</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>The twin ({change}) is paused and is not saved in any file. Closing the window stops it and discards it.

Save it first?</source>
        <translation>Der Zwilling ({change}) ist angehalten und in keiner Datei gespeichert. Das Schließen des Fensters stoppt und verwirft ihn.

Zuerst speichern?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The twin ({change}) is still training and is not saved in any file. Closing the window stops it and discards it.

Save it first?</source>
        <translation>Der Zwilling ({change}) trainiert noch und ist in keiner Datei gespeichert. Das Schließen des Fensters stoppt und verwirft ihn.

Zuerst speichern?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The twin ({change}) is not saved in any file. Closing the window discards it.

Save it first?</source>
        <translation>Der Zwilling ({change}) ist in keiner Datei gespeichert. Das Schließen des Fensters verwirft ihn.

Zuerst speichern?</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Save twin…</source>
        <translation>Zwilling speichern…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Discard twin</source>
        <translation>Zwilling verwerfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unsaved twin</source>
        <translation>Ungespeicherter Zwilling</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>The twin ({change}) is not saved in any file. A new twin replaces it.

Save it first?</source>
        <translation>Der Zwilling ({change}) ist in keiner Datei gespeichert. Ein neuer Zwilling ersetzt ihn.

Zuerst speichern?</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The twin cannot start: {reason}</source>
        <translation>Der Zwilling kann nicht starten: {reason}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>twin: {change}</source>
        <translation>Zwilling: {change}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Keep the twin</source>
        <translation>Zwilling behalten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Discard the twin</source>
        <translation>Zwilling verwerfen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The twin ({change}) finished: validation accuracy {twin} (main: {main}). Keep it as the network, or discard it?</source>
        <translation>Der Zwilling ({change}) ist fertig: Validierungsgenauigkeit {twin} (Hauptnetz: {main}). Als Netz behalten oder verwerfen?</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Stop training first: a network can be kept once both runs have ended.</source>
        <translation>Beenden Sie zuerst das Training: ein Netz lässt sich behalten, sobald beide Läufe zu Ende sind.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keeping the twin</source>
        <translation>Das Behalten des Zwillings</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The twin ({change}) is now the network; it is not saved yet.</source>
        <translation>Der Zwilling ({change}) ist jetzt das Netz; er ist noch nicht gespeichert.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Save twin as</source>
        <translation>Zwilling speichern unter</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>twin: ? (its outputs are not numbers)</source>
        <translation>Zwilling: ? (seine Ausgaben sind keine Zahlen)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>twin: {answer} ({p:.0%})</source>
        <translation>Zwilling: {answer} ({p:.0%})</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/curves.py" line="+53"/>
        <source>same settings</source>
        <translation>gleiche Einstellungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>main</source>
        <translation>Hauptnetz</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/curves_axes.py" line="+54"/>
        <location filename="../../visualizer/app/curves_build.py" line="-5"/>
        <location filename="../../visualizer/app/views/landscape_view.py" line="+87"/>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../visualizer/app/curves_build.py" line="+1"/>
        <source>Accuracy %</source>
        <translation>Genauigkeit %</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/curves_build.py" line="+1"/>
        <source>Share of images classified right.</source>
        <translation>Anteil der richtig erkannten Bilder.</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/curves_axes.py" line="+1"/>
        <location filename="../../visualizer/app/curves_build.py" line="+1"/>
        <source>LR</source>
        <translation>LR</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/curves_build.py" line="+1"/>
        <source>Learning rate (log scale)</source>
        <translation>Lernrate (logarithmisch)</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Press Start (F5) to watch the network learn</source>
        <translation>Drücken Sie Start (F5), um dem Netz beim Lernen zuzusehen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>batch*</source>
        <translation>Stapel*</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>batch, smoothed*</source>
        <translation>Stapel, geglättet*</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>train (epoch)</source>
        <translation>Training (Epoche)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>validation (epoch)</source>
        <translation>Validierung (Epoche)</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/curves.py" line="+107"/>
        <source>run {n}</source>
        <translation>Lauf {n}</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/finetune_run.py" line="+78"/>
        <source>A run is in progress: stop it first, then fine-tune.</source>
        <translation>Ein Lauf ist im Gang: beenden Sie ihn zuerst, dann nachtrainieren.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No dataset is loaded yet: wait for it to load.</source>
        <translation>Noch ist kein Datensatz geladen: warten Sie, bis er geladen ist.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This network learned other classes than the digits 0 to 9: choose a dataset of digits.</source>
        <translation>Dieses Netz hat andere Klassen als die Ziffern 0 bis 9 gelernt: wählen Sie einen Datensatz mit Ziffern.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No digits of yours to train on yet: draw some and label them.</source>
        <translation>Noch keine eigenen Ziffern zum Trainieren: zeichnen und beschriften Sie einige.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The fine-tuning run could not start (the status bar says why).</source>
        <translation>Das Nachtrainieren konnte nicht starten (die Statusleiste nennt den Grund).</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Could not measure the accuracy: {error}</source>
        <translation>Die Genauigkeit ließ sich nicht messen: {error}</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/gradients_model.py" line="+110"/>
        <source>Train to see the gradient of every layer: the training loop records its size and the size of each update every few steps.</source>
        <translation>Trainieren Sie, um den Gradienten jeder Schicht zu sehen: die Trainingsschleife zeichnet alle paar Schritte seine Größe und die Größe jeder Änderung auf.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Vanishing gradients: layer {first}&apos;s gradient is {x}x smaller than layer {last}&apos;s; the early layers barely learn.</source>
        <translation>Verschwindende Gradienten: der Gradient von Schicht {first} ist {x}x kleiner als der von Schicht {last}; die frühen Schichten lernen kaum.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exploding gradients: layer {first}&apos;s gradient is {x}x larger than layer {last}&apos;s; the early layers&apos; steps are far too large.</source>
        <translation>Explodierende Gradienten: der Gradient von Schicht {first} ist {x}x größer als der von Schicht {last}; die Schritte der frühen Schichten sind viel zu groß.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Healthy gradients: layer {first}&apos;s gradient is {x}x layer {last}&apos;s, within a factor of 100, so every layer learns.</source>
        <translation>Gesunde Gradienten: der Gradient von Schicht {first} ist das {x}-Fache dessen von Schicht {last}, innerhalb eines Faktors 100, also lernt jede Schicht.</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/pad_answer.py" line="+73"/>
        <source>This doesn&apos;t look like a digit to me
closest: {name} (unsure)</source>
        <translation>Das sieht für mich nicht nach einer Ziffer aus
am nächsten: {name} (unsicher)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} · {p:.0%} sure (calibrated)</source>
        <translation>{name} · {p:.0%} sicher (kalibriert)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} · {p:.0%} (raw, not calibrated)</source>
        <translation>{name} · {p:.0%} (roh, nicht kalibriert)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>next: {name} ({p:.0%})</source>
        <translation>danach: {name} ({p:.0%})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The network&apos;s own softmax probability, not calibrated yet: a network in training is usually more sure than it is right. It is calibrated on the validation images when a run ends or a model is opened.</source>
        <translation>Die eigene Softmax-Wahrscheinlichkeit des Netzes, noch nicht kalibriert: ein Netz im Training ist meist sicherer, als es recht hat. Kalibriert wird auf den Validierungsbildern, wenn ein Lauf endet oder ein Modell geöffnet wird.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Calibrated: the network&apos;s logits divided by a temperature T = {t:.2f}, fitted on the validation images so that, of the answers it calls 90% sure, about 90% are right. The network itself said {raw:.0%}.</source>
        <translation>Kalibriert: die Logits des Netzes geteilt durch eine Temperatur T = {t:.2f}, auf den Validierungsbildern so angepasst, dass von den Antworten, die es zu 90 % sicher nennt, etwa 90 % stimmen. Das Netz selbst sagte {raw:.0%}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unlike the training digits by {score:.2f}; above {limit:.2f} (where 5% of the validation digits lie) it does not count as a digit.</source>
        <translation>Abweichung von den Trainingsziffern: {score:.2f}; über {limit:.2f} (dort liegen 5 % der Validierungsziffern) zählt es nicht als Ziffer.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>start</source>
        <translation>Anfang</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/curves_model.py" line="+61"/>
        <source>Network {sizes}</source>
        <translation>Netz {sizes}</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../visualizer/app/pad_answer.py" line="+0"/>
        <source>step {step:,}</source>
        <translation>Schritt {step}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>({epochs} epochs)</source>
        <translation>({epochs} Epochen)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>after {epochs} epochs</source>
        <translation>nach {epochs} Epochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training curves</source>
        <translation>Trainingskurven</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/pad_answer.py" line="+2"/>
        <source>epoch 1</source>
        <translation>Epoche 1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>epoch {e:.1f}</source>
        <translation>Epoche {e:.1f}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{label}: {name} ({p:.0%})</source>
        <translation>{label}: {name} ({p:.0%})</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/recovery.py" line="+163"/>
        <source>holds values no model can have ({kind})</source>
        <translation>enthält Werte, die kein Modell haben kann ({kind})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It was moved aside as {name} in {folder}.</source>
        <translation>Sie wurde als {name} in {folder} beiseitegelegt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It could not be moved aside; you may delete {path}.</source>
        <translation>Sie ließ sich nicht beiseitelegen; Sie können {path} löschen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;The unsaved model kept from the last session could not be read:&lt;/b&gt; the file {defect}. {where}</source>
        <translation>&lt;b&gt;Das aufbewahrte ungespeicherte Modell der letzten Sitzung ließ sich nicht lesen:&lt;/b&gt; die Datei {defect}. {where}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 epoch</source>
        <translation>1 Epoche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} epochs</source>
        <translation>{count} Epochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 batch trained</source>
        <translation>1 Stapel trainiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} batches trained</source>
        <translation>{count} Stapel trainiert</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{percent}% validation accuracy</source>
        <translation>{percent} % Validierungsgenauigkeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Your unsaved model from the last session&lt;/b&gt; ({epochs}, dataset {dataset}) was kept: {details}.</source>
        <translation>&lt;b&gt;Ihr ungespeichertes Modell der letzten Sitzung&lt;/b&gt; ({epochs}, Datensatz {dataset}) wurde aufbewahrt: {details}.</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/runs_menu.py" line="+30"/>
        <source>The curves of earlier runs of this session, kept faint: show, hide, pin or clear them. Each is labelled with what differed from the current run.</source>
        <translation>Die Kurven früherer Läufe dieser Sitzung, blass aufbewahrt: zeigen, ausblenden, anheften oder löschen. Jede ist mit dem beschriftet, was sich vom aktuellen Lauf unterschied.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Runs ({n})</source>
        <translation>Läufe ({n})</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Shown</source>
        <translation>Angezeigt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pinned (kept by Clear)</source>
        <translation>Angeheftet (bleibt beim Leeren)</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../visualizer/app/views/my_digits_view.py" line="+155"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show all</source>
        <translation>Alle zeigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear (pinned runs stay)</source>
        <translation>Leeren (angeheftete Läufe bleiben)</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/scrub_model.py" line="+75"/>
        <source>live</source>
        <translation>live</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>step {step:,} · epoch {epochs:.1f}</source>
        <translation>Schritt {step} · Epoche {epochs:.1f}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Live: the network as it is now</source>
        <translation>Live: das Netz, wie es jetzt ist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Moment {i} of {n} (step {step:,})</source>
        <translation>Zeitpunkt {i} von {n} (Schritt {step})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} kept · {used:.1f}/{budget:.0f} MB</source>
        <translation>{n} behalten · {used:.1f}/{budget:.0f} MB</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>1 moment</source>
        <translation>1 Zeitpunkt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{n} moments</source>
        <translation>{n} Zeitpunkte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{what} kept: {used:.1f} MB of a {budget:.0f} MB budget</source>
        <translation>{what} behalten: {used:.1f} MB von {budget:.0f} MB Budget</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/timeline_bar.py" line="+45"/>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move every view back to a kept moment of the run; Live follows training again.</source>
        <translation>Alle Ansichten auf einen aufbewahrten Zeitpunkt des Laufs zurücksetzen; Live folgt wieder dem Training.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Timeline: the moment of the run the views show</source>
        <translation>Zeitleiste: der Zeitpunkt des Laufs, den die Ansichten zeigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the network as it is now, and follow training</source>
        <translation>Das Netz zeigen, wie es jetzt ist, und dem Training folgen</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The run keeps copies of the weights, dense at the start and evenly spread later, within this memory budget; the first and the latest are always kept.</source>
        <translation>Der Lauf bewahrt Kopien der Gewichte auf, dicht am Anfang und später gleichmäßig verteilt, innerhalb dieses Speicherbudgets; die erste und die neueste bleiben immer erhalten.</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/twin_dialog.py" line="-31"/>
        <source>Augmentation</source>
        <translation>Augmentierung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hidden layers</source>
        <translation>Verborgene Schichten</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Run a twin</source>
        <translation>Einen Zwilling trainieren</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>A twin trains a second network beside this one, on the same images with the same seed, with one setting changed. Both train live; their curves are drawn together.</source>
        <translation>Ein Zwilling trainiert ein zweites Netz neben diesem, auf denselben Bildern mit demselben Startwert, mit einer geänderten Einstellung. Beide trainieren live; ihre Kurven werden gemeinsam gezeichnet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change</source>
        <translation>Einstellung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Now</source>
        <translation>Jetzt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Twin</source>
        <translation>Zwilling</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run the twin</source>
        <translation>Zwilling trainieren</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The twin would be the same network: choose another value.</source>
        <translation>Der Zwilling wäre dasselbe Netz: wählen Sie einen anderen Wert.</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/view_export.py" line="-101"/>
        <source>{view} · {line}</source>
        <translation>{view} · {line}</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>curves</source>
        <translation>Kurven</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG-Zeichnungen (*.svg)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export {view}</source>
        <translation>{view} exportieren</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/activations_view.py" line="+68"/>
        <source>Drawing pad</source>
        <translation>Zeichenfeld</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Validation image</source>
        <translation>Validierungsbild</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Test image</source>
        <translation>Testbild</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Which input the network is shown: your drawing on the pad, or an image held out from training (validation) or from the test set.</source>
        <translation>Welche Eingabe das Netz bekommt: Ihre Zeichnung auf dem Zeichenfeld oder ein vom Training zurückgehaltenes Bild (Validierung) oder eines aus dem Testsatz.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Index of the image in the chosen set</source>
        <translation>Nummer des Bildes im gewählten Satz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Random</source>
        <translation>Zufällig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick another image of the chosen set at random</source>
        <translation>Ein anderes Bild des gewählten Satzes zufällig wählen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Probe:</source>
        <translation>Probe:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>click a unit to trace its inputs; right-click a hidden unit to switch it off</source>
        <translation>Klick: Eingänge verfolgen; Rechtsklick: abschalten</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>validation #{i} · true {name}</source>
        <translation>Validierung #{i} · richtig {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>test #{i} · true {name}</source>
        <translation>Test #{i} · richtig {name}</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>class {name} (logit)</source>
        <translation>Klasse {name} (Logit)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hidden unit</source>
        <translation>verb. Neuron</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <source>pixel</source>
        <translation>Pixel</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>hidden {layer} unit {unit}</source>
        <translation>verborgen {layer}, Neuron {unit}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unit</source>
        <translation>Neuron</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;b&gt;{who}&lt;/b&gt;: z = bias {b} + &lt;span style=&apos;color:#d63c32&apos;&gt;{pos}&lt;/span&gt; from raising inputs &lt;span style=&apos;color:#286ec8&apos;&gt;{neg}&lt;/span&gt; from lowering ones = &lt;b&gt;{z}&lt;/b&gt; &amp;nbsp;·&amp;nbsp; strongest: {terms}</source>
        <translation>&lt;b&gt;{who}&lt;/b&gt;: z = Bias {b} + &lt;span style=&apos;color:#d63c32&apos;&gt;{pos}&lt;/span&gt; von anhebenden Eingängen &lt;span style=&apos;color:#286ec8&apos;&gt;{neg}&lt;/span&gt; von senkenden = &lt;b&gt;{z}&lt;/b&gt; &amp;nbsp;·&amp;nbsp; am stärksten: {terms}</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/backprop_step.py" line="+40"/>
        <source>Take one step</source>
        <extracomment>StepResult | None: a step was taken (its result) or undone (None)</extracomment>
        <translation>Einen Schritt machen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply one optimizer step from this example and target to the model</source>
        <translation>Einen Optimiererschritt aus diesem Beispiel und Ziel auf das Modell anwenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo step</source>
        <translation>Schritt rückgängig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore the model exactly as it was before the step</source>
        <translation>Das Modell genau so wiederherstellen, wie es vor dem Schritt war</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>One step of the optimizer on this example alone, applied to the model.</source>
        <translation>Ein Schritt des Optimierers auf diesem Beispiel allein, auf das Modell angewandt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>before</source>
        <translation>vorher</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>after</source>
        <translation>nachher</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>A run is in progress: its trainer owns the weights. Stop it (or let it finish), then take the step.</source>
        <translation>Ein Lauf ist im Gang: die Gewichte gehören seinem Training. Beenden Sie ihn (oder lassen Sie ihn zu Ende laufen), dann machen Sie den Schritt.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No example to learn from: draw a digit or choose an image first.</source>
        <translation>Kein Beispiel zum Lernen: zeichnen Sie zuerst eine Ziffer oder wählen Sie ein Bild.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Nothing to undo: the model changed since the step.</source>
        <translation>Nichts rückgängig zu machen: das Modell hat sich seit dem Schritt geändert.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Step undone: the model is back at step {step}, exactly.</source>
        <translation>Schritt rückgängig gemacht: das Modell ist wieder genau bei Schritt {step}.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>before: p({k}) = {p:.3f}, loss {loss:.4g}</source>
        <translation>vorher: p({k}) = {p:.3f}, Verlust {loss:.4g}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>after: p({k}) = {p:.3f}, loss {loss:.4g}</source>
        <translation>nachher: p({k}) = {p:.3f}, Verlust {loss:.4g}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One {optimizer} step (α = {lr:g}) on {what}, target {k}: loss {before:.4g} → {after:.4g} ({change:+.3g})</source>
        <translation>Ein {optimizer}-Schritt (α = {lr:g}) auf {what}, Ziel {k}: Verlust {before:.4g} → {after:.4g} ({change:+.3g})</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/backprop_view.py" line="+80"/>
        <source>No probe yet.</source>
        <extracomment>BackwardFrame: the backward pass was recomputed and shown UpdatePreview: the optimizer&apos;s step for the frame shown arrived and is shown</extracomment>
        <translation>Noch keine Probe.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Target:</source>
        <translation>Ziel:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Differentiate the loss of class {k} (or press {k})</source>
        <translation>Den Verlust für Klasse {k} ableiten (oder {k} drücken)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>One step on this example</source>
        <translation>Ein Schritt auf diesem Beispiel</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Forward: Z = W A + b,  A = g(Z)</source>
        <translation>Vorwärts: Z = W A + b,  A = g(Z)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Backward: dZ[L] = A[L] − Y,  dZ = Wᵀ dZ ⊙ g′(Z)</source>
        <translation>Rückwärts: dZ[L] = A[L] − Y,  dZ = Wᵀ dZ ⊙ g′(Z)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>dW[1]: what one step on this image would change</source>
        <translation>dW[1]: was ein Schritt auf diesem Bild ändern würde</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Update: what the optimizer would change</source>
        <translation>Änderung: was der Optimierer ändern würde</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>W[1] now</source>
        <translation>W[1] jetzt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ΔW[1]: the optimizer&apos;s step</source>
        <translation>ΔW[1]: der Schritt des Optimierers</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>the probe</source>
        <translation>die Probe</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>No probe yet: draw a digit or choose an image (Activations view).</source>
        <translation>Noch keine Probe: zeichnen Sie eine Ziffer oder wählen Sie ein Bild (Ansicht Aktivierungen).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Probe: {source}. Which digit is it? Press a button below or a digit key to see its gradient.</source>
        <translation>Probe: {source}. Welche Ziffer ist es? Drücken Sie einen Knopf unten oder eine Zifferntaste, um ihren Gradienten zu sehen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The backward pass could not be computed: {error}</source>
        <translation>Der Rückwärtsdurchlauf ließ sich nicht berechnen: {error}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{k} (guessed; press a digit key to choose)</source>
        <translation>{k} (geraten; Zifferntaste drücken zum Wählen)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Probe: {source} · target {target} · weights of step {step}</source>
        <translation>Probe: {source} · Ziel {target} · Gewichte von Schritt {step}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>dZ[{L}] = A[{L}] − Y = p − one_hot({target}): the output&apos;s error, per class</source>
        <translation>dZ[{L}] = A[{L}] − Y = p − one_hot({target}): der Fehler der Ausgabe, je Klasse</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>dW[{l}] = dZ[{l}] A[{k}]ᵀ ({units} units × {inputs} inputs)</source>
        <translation>dW[{l}] = dZ[{l}] A[{k}]ᵀ ({units} Neuronen × {inputs} Eingänge)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>(from the optimizer state the run started with: the live one stays with the trainer until the run ends)</source>
        <translation>(aus dem Optimiererzustand beim Start des Laufs: der aktuelle bleibt beim Training, bis der Lauf endet)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Backprop</source>
        <translation>Backprop</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/batch_view.py" line="+116"/>
        <source>layer</source>
        <extracomment>SteppedBatch: a stepped batch was shown</extracomment>
        <translation>Schicht</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>‖dW‖</source>
        <translation>‖dW‖</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>‖db‖</source>
        <translation>‖db‖</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>‖ΔW‖ / ‖W‖</source>
        <translation>‖ΔW‖ / ‖W‖</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Pause, then Step (F10) to see the batch it trains on: every image with its label, the network&apos;s answer and its loss, worst first, and how large each layer&apos;s gradient was.</source>
        <translation>Pause, dann Schritt (F10), um den Stapel zu sehen, mit dem es trainiert: jedes Bild mit seinem Label, der Antwort des Netzes und seinem Verlust, das schlechteste zuerst, und wie groß der Gradient jeder Schicht war.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Step {step}: {n} images, batch loss {loss:.4g}. Worst first: true label → the network&apos;s answer (red when wrong), and the loss of each image.</source>
        <translation>Schritt {step}: {n} Bilder, Stapelverlust {loss:.4g}. Das schlechteste zuerst: richtiges Label → Antwort des Netzes (rot, wenn falsch) und der Verlust jedes Bildes.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The losses are those of the augmented images the network saw.</source>
        <translation>Die Verluste sind die der variierten Bilder, die das Netz gesehen hat.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Batch</source>
        <translation>Stapel</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/confusion_matrix.py" line="-70"/>
        <source>The confusion matrix appears after the first epoch,
or press Evaluate now.</source>
        <translation>Die Konfusionsmatrix erscheint nach der ersten Epoche,
oder drücken Sie „Jetzt auswerten“.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>predicted →</source>
        <translation>erkannt →</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>true →</source>
        <translation>richtig →</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{images} of {true} classified right</source>
        <translation>{images} von {true} richtig erkannt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{images} of {true} taken for {pred}</source>
        <translation>{images} von {true} für {pred} gehalten</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/drawing_pad.py" line="+92"/>
        <source>Brush size. MNIST digits have strokes about a tenth of the digit&apos;s height.</source>
        <translation>Pinselgröße. MNIST-Ziffern haben Striche von etwa einem Zehntel der Ziffernhöhe.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo the last stroke (Ctrl+Z)</source>
        <translation>Den letzten Strich rückgängig machen (Strg+Z)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the pad (Delete or Esc)</source>
        <translation>Das Zeichenfeld leeren (Entf oder Esc)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Brush</source>
        <translation>Pinsel</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>network input
28×28</source>
        <translation>Netzeingabe
28×28</translation>
    </message>
    <message>
        <location line="+137"/>
        <source>the network&apos;s outputs are not numbers (it diverged)</source>
        <translation>die Ausgaben des Netzes sind keine Zahlen (es ist divergiert)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>no network yet</source>
        <translation>noch kein Netz</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>this image is blank</source>
        <translation>dieses Bild ist leer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>draw a digit</source>
        <translation>zeichnen Sie eine Ziffer</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Press Start to train a network, or open a model (Ctrl+O).</source>
        <translation>Drücken Sie Start, um ein Netz zu trainieren, oder öffnen Sie ein Modell (Strg+O).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dropped image: {name}</source>
        <translation>Abgelegtes Bild: {name}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>training live</source>
        <translation>trainiert live</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network at step {step:,} ({epochs:.2f} epochs)</source>
        <translation>Netz bei Schritt {step} ({epochs:.2f} Epochen)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the dropped image data could not be decoded</source>
        <translation>die abgelegten Bilddaten ließen sich nicht dekodieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dropped picture</source>
        <translation>abgelegtes Bild</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not use that image: {error}</source>
        <translation>Dieses Bild ließ sich nicht verwenden: {error}</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/edits_panel.py" line="+1"/>
        <source>Layer {layer} unit {unit}: {what}</source>
        <translation>Schicht {layer}, Neuron {unit}: {what}</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Switch hidden units off, or scale them, and watch the answer change: right-click a unit in the activations or the weights view, or select one and use the buttons below.

Only what is shown changes: training and saved models keep the network as trained. The edits are cleared when a run starts or another network comes.</source>
        <translation>Schalten Sie verborgene Neuronen ab oder skalieren Sie sie und sehen Sie, wie sich die Antwort ändert: Rechtsklick auf ein Neuron in der Ansicht Aktivierungen oder Gewichte, oder eines auswählen und die Knöpfe unten nutzen.

Nur die Anzeige ändert sich: Training und gespeicherte Modelle behalten das Netz wie trainiert. Die Eingriffe werden gelöscht, wenn ein Lauf startet oder ein anderes Netz kommt.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../visualizer/app/views/unit_menu.py" line="+57"/>
        <source>Switch off</source>
        <translation>Abschalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The selected unit&apos;s activation no longer reaches the next layer</source>
        <translation>Die Aktivierung des gewählten Neurons erreicht die nächste Schicht nicht mehr</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../visualizer/app/views/unit_menu.py" line="+4"/>
        <source>Scale…</source>
        <translation>Skalieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Multiply what the selected unit passes on by a factor</source>
        <translation>Was das gewählte Neuron weitergibt, mit einem Faktor multiplizieren</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The edits made; ✕ removes one</source>
        <translation>Die vorgenommenen Eingriffe; ✕ entfernt einen</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../../visualizer/app/views/unit_menu.py" line="+6"/>
        <source>Restore all</source>
        <translation>Alle zurücknehmen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove every edit: the network as trained</source>
        <translation>Alle Eingriffe entfernen: das Netz wie trainiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apply to the network…</source>
        <translation>Auf das Netz anwenden…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Selected: {name}</source>
        <translation>Gewählt: {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a hidden unit (click it in the activations or the weights view).</source>
        <translation>Wählen Sie ein verborgenes Neuron (anklicken in der Ansicht Aktivierungen oder Gewichte).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Remove this edit</source>
        <translation>Diesen Eingriff entfernen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No edits: the network as trained.</source>
        <translation>Keine Eingriffe: das Netz wie trainiert.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Refused while a run is in progress: stop it first</source>
        <translation>Nicht möglich, solange ein Lauf im Gang ist: beenden Sie ihn zuerst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the edits into the model&apos;s weights (asks first); training then continues from the edited network</source>
        <translation>Die Eingriffe in die Gewichte des Modells schreiben (fragt vorher); das Training macht dann mit dem veränderten Netz weiter</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+5"/>
        <source>Apply the edits</source>
        <translation>Eingriffe anwenden</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>The edits cannot be applied while a run is in progress: stop it first.</source>
        <translation>Die Eingriffe lassen sich nicht anwenden, solange ein Lauf im Gang ist: beenden Sie ihn zuerst.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Write these edits into the model&apos;s weights (the model as it is now, not a moment of its timeline)? The outgoing weights of the edited units are scaled for good; training continues from there.

{lines}</source>
        <translation>Diese Eingriffe in die Gewichte des Modells schreiben (das Modell, wie es jetzt ist, nicht ein Zeitpunkt seiner Zeitleiste)? Die ausgehenden Gewichte der veränderten Neuronen werden dauerhaft skaliert; das Training macht von dort weiter.

{lines}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>apply the edits</source>
        <translation>die Eingriffe anwenden</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Validation accuracy with the edits: computing…</source>
        <translation>Validierungsgenauigkeit mit den Eingriffen: wird berechnet…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Validation accuracy: &lt;b&gt;{w}&lt;/b&gt; with the edits ({wo} without)</source>
        <translation>Validierungsgenauigkeit: &lt;b&gt;{w}&lt;/b&gt; mit den Eingriffen ({wo} ohne)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Edits</source>
        <translation>Eingriffe</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/eval_moments.py" line="+32"/>
        <source>at step {step:,} · epoch {epochs:.1f}</source>
        <translation>bei Schritt {step} · Epoche {epochs:.1f}</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/evaluation_view.py" line="-77"/>
        <source>Validation set</source>
        <translation>Validierungssatz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test set</source>
        <translation>Testsatz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validation: the images held out from training, scored after every epoch. Test: the dataset&apos;s separate test images, scored on demand.</source>
        <translation>Validierung: die vom Training zurückgehaltenen Bilder, nach jeder Epoche bewertet. Test: die eigenen Testbilder des Datensatzes, auf Anfrage bewertet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Evaluate now</source>
        <translation>Jetzt auswerten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score the current network on the chosen set</source>
        <translation>Das aktuelle Netz auf dem gewählten Satz bewerten</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/gallery_panel.py" line="-33"/>
        <source>All mistakes</source>
        <translation>Alle Fehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show every misclassified image, most confident first</source>
        <translation>Jedes falsch erkannte Bild zeigen, das sicherste zuerst</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/evaluation_view.py" line="+62"/>
        <source>after epoch {n}</source>
        <translation>nach Epoche {n}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>after {epochs}</source>
        <translation>nach {epochs}</translation>
    </message>
    <message numerus="yes">
        <location line="+159"/>
        <source>%n validation image(s)</source>
        <translation>
            <numerusform>%n Validierungsbild</numerusform>
            <numerusform>%n Validierungsbildern</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n test image(s)</source>
        <translation>
            <numerusform>%n Testbild</numerusform>
            <numerusform>%n Testbildern</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../visualizer/app/views/gallery_panel.py" line="+22"/>
        <source>%n mistake(s)</source>
        <translation>
            <numerusform>%n Fehler</numerusform>
            <numerusform>%n Fehler</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/evaluation_view.py" line="-159"/>
        <source>untrained network</source>
        <translation>untrainiertes Netz</translation>
    </message>
    <message>
        <location line="+35"/>
        <location line="+29"/>
        <source>Nothing to evaluate yet.</source>
        <translation>Noch nichts auszuwerten.</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Evaluating the network at step {step:,}…</source>
        <translation>Das Netz bei Schritt {step} wird ausgewertet…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>at step {step:,} ({epochs:.2f} epochs)</source>
        <translation>bei Schritt {step} ({epochs:.2f} Epochen)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Evaluating…</source>
        <translation>Wird ausgewertet…</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Evaluation failed: {error}</source>
        <translation>Auswertung fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>No evaluation yet.</source>
        <translation>Noch keine Auswertung.</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/gallery_panel.py" line="-7"/>
        <source>Misclassified images appear here.</source>
        <translation>Falsch erkannte Bilder erscheinen hier.</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/gallery.py" line="+139"/>
        <source>validation image</source>
        <translation>Validierungsbild</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>test image</source>
        <translation>Testbild</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/evaluation_view.py" line="+7"/>
        <source>&lt;b&gt;{acc:.1%}&lt;/b&gt; right on {what} ({wrong:,} wrong) · {title}</source>
        <translation>&lt;b&gt;{acc:.1%}&lt;/b&gt; richtig bei {what} ({wrong} falsch) · {title}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;i&gt;(a moment of the timeline; Live returns to now)&lt;/i&gt;</source>
        <translation>&lt;i&gt;(ein Zeitpunkt der Zeitleiste; Live kehrt zum Jetzt zurück)&lt;/i&gt;</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/gallery_panel.py" line="+6"/>
        <source>&lt;b&gt;{mistakes}&lt;/b&gt;, most confident first</source>
        <translation>&lt;b&gt;{mistakes}&lt;/b&gt;, die sichersten zuerst</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No mistakes: every image is classified right.</source>
        <translation>Keine Fehler: jedes Bild wird richtig erkannt.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{name} classified right</source>
        <translation>{name} richtig erkannt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>true {true}, predicted {pred}</source>
        <translation>richtig {true}, erkannt {pred}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;{what}&lt;/b&gt;: {images}</source>
        <translation>&lt;b&gt;{what}&lt;/b&gt;: {images}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No image in this cell.</source>
        <translation>Kein Bild in dieser Zelle.</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/gallery.py" line="-7"/>
        <source>{p:.0%} sure</source>
        <translation>{p:.0%} sicher</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{which} #{j}: true {true}, predicted {pred} ({p:.1%}). Click to look inside.</source>
        <translation>{which} #{j}: richtig {true}, erkannt {pred} ({p:.1%}). Klicken, um hineinzuschauen.</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/gradient_histograms.py" line="+50"/>
        <source>The weights, biases and gradients of every layer now (coloured) and at the start of the run (grey).</source>
        <extracomment>tuple[LayerHistograms, ...]: new histograms were drawn</extracomment>
        <translation>Gewichte, Biases und Gradienten jeder Schicht jetzt (farbig) und zu Beginn des Laufs (grau).</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>No network to compare yet: train or open a model.</source>
        <translation>Noch kein Netz zum Vergleichen: trainieren oder öffnen Sie ein Modell.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Every layer&apos;s weights, biases and gradients at step {now} (coloured) and at step {start} (grey), on the same bins.</source>
        <translation>Gewichte, Biases und Gradienten jeder Schicht bei Schritt {now} (farbig) und bei Schritt {start} (grau), mit denselben Klassen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The histograms could not be computed: {error}</source>
        <translation>Die Histogramme ließen sich nicht berechnen: {error}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>W</source>
        <translation>W</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>b</source>
        <translation>b</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>dW</source>
        <translation>dW</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/gradients_view.py" line="+9"/>
        <source>‖dW‖ per layer</source>
        <translation>‖dW‖ je Schicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>‖ΔW‖ / ‖W‖ per layer</source>
        <translation>‖ΔW‖ / ‖W‖ je Schicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>‖dW‖: the size of each layer&apos;s weight gradient, on a log scale</source>
        <translation>‖dW‖: die Größe des Gradienten der Gewichte jeder Schicht, logarithmisch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>‖ΔW‖ / ‖W‖: how much each step changed a layer&apos;s weights, relative to their size (about 0.001 is healthy)</source>
        <translation>‖ΔW‖ / ‖W‖: wie stark jeder Schritt die Gewichte einer Schicht verändert hat, relativ zu ihrer Größe (etwa 0,001 ist gesund)</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Histograms</source>
        <translation>Histogramme</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>layer {i}</source>
        <translation>Schicht {i}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Gradients</source>
        <translation>Gradienten</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/ink_canvas.py" line="+41"/>
        <source>Draw a digit with the mouse or a pen. Delete or Esc clears, Ctrl+Z undoes. You can also drop an image file here.</source>
        <translation>Zeichnen Sie eine Ziffer mit der Maus oder einem Stift. Entf oder Esc leert, Strg+Z macht rückgängig. Sie können auch eine Bilddatei hier ablegen.</translation>
    </message>
    <message>
        <location line="+176"/>
        <source>Draw a digit here
(or drop an image file)</source>
        <translation>Hier Ziffer zeichnen
(oder Bild ablegen)</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/landscape_plots.py" line="+88"/>
        <source>{metric} {lo:.3g}{unit} (dark) to {hi:.3g}{unit} (yellow)</source>
        <translation>{metric} {lo:.3g}{unit} (dunkel) bis {hi:.3g}{unit} (gelb)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+37"/>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <location line="-37"/>
        <location line="+37"/>
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>α: distance along PC1 ({share:.0%} of the path&apos;s spread)</source>
        <translation>α: Abstand entlang PC1 ({share:.0%} der Streuung des Pfads)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>β: along PC2 ({share:.0%})</source>
        <translation>β: entlang PC2 ({share:.0%})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>α: steps of d1 (random, filter-normalised, |d1| = {n:.3g})</source>
        <translation>α: Schritte von d1 (zufällig, filternormiert, |d1| = {n:.3g})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>β: steps of d2 (|d2| = {n:.3g})</source>
        <translation>β: Schritte von d2 (|d2| = {n:.3g})</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>initial (t = 0) → current (t = 1)</source>
        <translation>Anfang (t = 0) → jetzt (t = 1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>t mean last updates (0 = now)</source>
        <translation>t · letzte Schritte (0 = jetzt)</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/landscape_view.py" line="-44"/>
        <source>A loss landscape is a 2-D slice through the loss surface of the network, which lives in as many dimensions as the network has parameters ({n_params} for {sizes}). Each point of the picture is the loss (or accuracy) of the network whose weights are the current ones moved by alpha along one direction and beta along another: W + alpha d1 + beta d2; the centre is the network as it is. Its shape depends on the directions chosen: two random directions show how the surface looks around the current weights in typical directions, the two principal directions of the training trajectory show the plane in which training moved the most. It is not the whole surface, and a valley in the slice is not a valley in every direction; the path drawn over it is the trajectory&apos;s projection onto that plane, which can pass over ridges the real path went around.</source>
        <translation>Eine Verlustlandschaft ist ein 2-D-Schnitt durch die Verlustfläche des Netzes, die so viele Dimensionen hat, wie das Netz Parameter hat ({n_params} bei {sizes}). Jeder Punkt des Bildes ist der Verlust (oder die Genauigkeit) des Netzes, dessen Gewichte die aktuellen sind, um alpha entlang einer Richtung und um beta entlang einer anderen verschoben: W + alpha d1 + beta d2; die Mitte ist das Netz, wie es ist. Ihre Form hängt von den gewählten Richtungen ab: zwei zufällige Richtungen zeigen, wie die Fläche um die aktuellen Gewichte in typischen Richtungen aussieht, die zwei Hauptrichtungen des Trainingspfads zeigen die Ebene, in der sich das Training am meisten bewegt hat. Es ist nicht die ganze Fläche, und ein Tal im Schnitt ist nicht in jeder Richtung ein Tal; der darüber gezeichnete Pfad ist die Projektion des Trainingspfads auf diese Ebene und kann über Kämme laufen, die der wirkliche Pfad umgangen hat.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Random directions</source>
        <translation>Zufällige Richtungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training&apos;s principal directions</source>
        <translation>Hauptrichtungen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>seed </source>
        <translation>Startwert </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recompute</source>
        <translation>Neu berechnen</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>seed of the random directions</source>
        <translation>Startwert der zufälligen Richtungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>compute the landscape around the current weights now</source>
        <translation>die Landschaft um die aktuellen Gewichte jetzt berechnen</translation>
    </message>
    <message>
        <location line="+187"/>
        <source>Load a dataset and create or train a model to see its loss landscape.</source>
        <translation>Laden Sie einen Datensatz und erstellen oder trainieren Sie ein Modell, um seine Verlustlandschaft zu sehen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Computing the landscape…</source>
        <translation>Die Landschaft wird berechnet…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>While training, the landscape follows the network every few epochs (Recompute: now).</source>
        <translation>Während des Trainings folgt die Landschaft dem Netz alle paar Epochen („Neu berechnen“: sofort).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The landscape is computed when this view is shown (or on Recompute).</source>
        <translation>Die Landschaft wird berechnet, wenn diese Ansicht gezeigt wird (oder mit „Neu berechnen“).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{a}×{b} grid</source>
        <translation>{a}×{b}-Gitter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, refining (1 point in {n} so far)</source>
        <translation>, wird verfeinert (bisher 1 Punkt von {n})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>at epoch {epoch}, step {step:,}</source>
        <translation>bei Epoche {epoch}, Schritt {step}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> · the weights have moved on since: Recompute</source>
        <translation> · die Gewichte haben sich seitdem verändert: neu berechnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{quantity} on a fixed subsample of {n:,} of the {total:,} training images · {state}, {seconds:.1f} s · {where} · {shown}{stale}</source>
        <translation>{quantity} auf einer festen Stichprobe von {n} der {total} Trainingsbilder · {state}, {seconds:.1f} s · {where} · {shown}{stale}</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/map_view.py" line="+92"/>
        <source>The hidden layer whose activations are mapped</source>
        <translation>Die verborgene Schicht, deren Aktivierungen abgebildet werden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Layer:</source>
        <translation>Schicht:</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Each point is a validation image, placed by its activations in the chosen layer (the two principal directions). Hover a point to see the image.</source>
        <translation>Jeder Punkt ist ein Validierungsbild, platziert nach seinen Aktivierungen in der gewählten Schicht (die zwei Hauptrichtungen). Zeigen Sie auf einen Punkt, um das Bild zu sehen.</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>hidden {i} ({n} units)</source>
        <translation>verborgen {i} ({n} Neuronen)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>No validation images to map: hold some out in the settings.</source>
        <translation>Keine Validierungsbilder zum Abbilden: halten Sie in den Einstellungen einige zurück.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Could not map this layer: {error}</source>
        <translation>Diese Schicht ließ sich nicht abbilden: {error}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>direction 1 ({p:.0f}% of the variance)</source>
        <translation>Richtung 1 ({p:.0f} % der Varianz)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>direction 2 ({p:.0f}% of the variance)</source>
        <translation>Richtung 2 ({p:.0f} % der Varianz)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{n:,} of the {total:,} validation images (a fixed sample), coloured by their true class</source>
        <translation>{n} der {total} Validierungsbilder (eine feste Stichprobe), gefärbt nach ihrer richtigen Klasse</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All {total:,} validation images, coloured by their true class</source>
        <translation>Alle {total} Validierungsbilder, gefärbt nach ihrer richtigen Klasse</translation>
    </message>
    <message>
        <location line="+53"/>
        <location filename="../../visualizer/app/views/state.py" line="+190"/>
        <source>your drawing</source>
        <translation>Ihre Zeichnung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> The star is {what}.</source>
        <translation> Der Stern ist {what}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mapped with the network at step {step}. Hover a point to see its image.</source>
        <translation>Abgebildet mit dem Netz bei Schritt {step}. Zeigen Sie auf einen Punkt, um sein Bild zu sehen.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>true {true}
read as {guess}</source>
        <translation>richtig {true}
gelesen als {guess}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Map</source>
        <translation>Karte</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/my_digits_view.py" line="-107"/>
        <source>your digits</source>
        <translation>Ihre Ziffern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>your digits kept aside (never trained on)</source>
        <translation>Ihre zurückgelegten Ziffern (nie trainiert)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>validation digits</source>
        <translation>Validierungsziffern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>diverged</source>
        <translation>divergiert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (the run was {how})</source>
        <translation> (Lauf: {how})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accuracy before and after fine-tuning{ended}; each of your digits was repeated {r} times per epoch:</source>
        <translation>Genauigkeit vor und nach dem Nachtrainieren{ended}; jede Ihrer Ziffern wurde {r}-mal pro Epoche wiederholt:</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Draw a digit on the pad, then press its number here (or type it while this panel has focus) to keep it for teaching the network your handwriting.</source>
        <translation>Zeichnen Sie eine Ziffer auf das Zeichenfeld und drücken Sie dann hier ihre Zahl (oder tippen Sie sie, solange dieser Bereich den Fokus hat), um sie zu behalten und dem Netz Ihre Handschrift beizubringen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The drawing on the pad, as it will be kept (28x28)</source>
        <translation>Die Zeichnung auf dem Zeichenfeld, so wie sie behalten wird (28x28)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Your digits; the ones marked * are kept aside to test on</source>
        <translation>Ihre Ziffern; die mit * markierten werden zum Testen zurückgelegt</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Keep the drawing on the pad as a {d}</source>
        <translation>Die Zeichnung auf dem Zeichenfeld als {d} behalten</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Remove the selected digits (Delete)</source>
        <translation>Die gewählten Ziffern entfernen (Entf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import…</source>
        <translation>Importieren…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add the digits of a folder of class folders 0-9 of images, or of an MNIST-format folder</source>
        <translation>Die Ziffern eines Ordners mit Klassenordnern 0-9 voller Bilder oder eines Ordners im MNIST-Format hinzufügen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Write your digits as a folder of class folders of PNG images</source>
        <translation>Ihre Ziffern als Ordner mit Klassenordnern von PNG-Bildern schreiben</translation>
    </message>
    <message>
        <location line="+9"/>
        <source> epochs</source>
        <translation> Epochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many epochs the fine-tuning trains</source>
        <translation>Wie viele Epochen das Nachtrainieren dauert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fine-tune on my digits</source>
        <translation>Nachtrainieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue training the current network on its dataset plus your digits (about a fifth of every epoch), then compare</source>
        <translation>Das aktuelle Netz auf seinem Datensatz plus Ihren Ziffern (etwa ein Fünftel jeder Epoche) weitertrainieren, dann vergleichen</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Could not read your digits: {error}</source>
        <translation>Ihre Ziffern ließen sich nicht lesen: {error}</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n digit(s) kept</source>
        <translation>
            <numerusform>%n Ziffer behalten</numerusform>
            <numerusform>%n Ziffern behalten</numerusform>
        </translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Draw a digit on the pad first, then press its number.</source>
        <translation>Zeichnen Sie zuerst eine Ziffer auf das Zeichenfeld, dann drücken Sie ihre Zahl.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kept as a {d}. Clear the pad and draw the next one.</source>
        <translation>Als {d} behalten. Leeren Sie das Zeichenfeld und zeichnen Sie die nächste.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Select the digits to remove first.</source>
        <translation>Wählen Sie zuerst die Ziffern, die entfernt werden sollen.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Removed %n digit(s).</source>
        <translation>
            <numerusform>%n Ziffer entfernt.</numerusform>
            <numerusform>%n Ziffern entfernt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import digits from a folder</source>
        <translation>Ziffern aus einem Ordner importieren</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>Imported %n digit(s).</source>
        <translation>
            <numerusform>%n Ziffer importiert.</numerusform>
            <numerusform>%n Ziffern importiert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export your digits into a folder</source>
        <translation>Ihre Ziffern in einen Ordner exportieren</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>Exported %n digit(s) to {folder}.</source>
        <translation>
            <numerusform>%n Ziffer nach {folder} exportiert.</numerusform>
            <numerusform>%n Ziffern nach {folder} exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Fine-tuning: each of your digits is repeated {r} times per epoch. Pause or Stop work as for any run.</source>
        <translation>Nachtrainieren: jede Ihrer Ziffern wird {r}-mal pro Epoche wiederholt. Pause und Stopp wirken wie bei jedem Lauf.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fine-tuned. The network holds unsaved training: save it to keep it.</source>
        <translation>Nachtrainiert. Das Netz enthält ungespeichertes Training: speichern Sie es, um es zu behalten.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>My digits</source>
        <translation>Meine Ziffern</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/network_diagram.py" line="+133"/>
        <location filename="../../visualizer/app/views/tile_grid.py" line="+86"/>
        <location filename="../../visualizer/app/views/weights_view.py" line="+214"/>
        <source>No network yet: press Start or open a model.</source>
        <translation>Noch kein Netz: drücken Sie Start oder öffnen Sie ein Modell.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draw a digit on the pad, or choose a validation or test image as the probe.</source>
        <translation>Zeichnen Sie eine Ziffer auf das Zeichenfeld oder wählen Sie ein Validierungs- oder Testbild als Probe.</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/diagram_texts.py" line="+18"/>
        <source>Hidden {i} · {n}</source>
        <translation>Verborgen {i} · {n}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hidden {i}</source>
        <translation>Verborgen {i}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>H{i} · {n}</source>
        <translation>V{i} · {n}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>H{i}</source>
        <translation>V{i}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In</source>
        <translation>Ein</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Out</source>
        <translation>Aus</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/network_diagram.py" line="+61"/>
        <source>probe</source>
        <translation>Probe</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ink × weight into unit {unit}</source>
        <translation>Tinte × Gewicht in Neuron {unit}</translation>
    </message>
    <message numerus="yes">
        <location line="+72"/>
        <location filename="../../visualizer/app/views/weights_view.py" line="+49"/>
        <location line="+13"/>
        <source>%n unit(s)</source>
        <translation>
            <numerusform>%n Neuron</numerusform>
            <numerusform>%n Neuronen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{active}/{n} on</source>
        <translation>{active}/{n} aktiv</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{active} on</source>
        <translation>{active} aktiv</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} dead</source>
        <translation>{n} tot</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>logit · softmax probability</source>
        <translation>Logit · Softmax-Wahrscheinlichkeit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>logit · probability</source>
        <translation>Logit · Wahrscheinlichkeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>logit · p</source>
        <translation>Logit · p</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/diagram_texts.py" line="+13"/>
        <source>Class {name}: logit {z}, probability {p}</source>
        <translation>Klasse {name}: Logit {z}, Wahrscheinlichkeit {p}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hidden layer {layer}, unit {unit}: z = {z}, activation {a}</source>
        <translation>Verborgene Schicht {layer}, Neuron {unit}: z = {z}, Aktivierung {a}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dead: never active on the held-out reference images (no gradient reaches it)</source>
        <translation>Tot: nie aktiv auf den zurückgehaltenen Referenzbildern (kein Gradient erreicht es)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Switched off: the next layer no longer hears it (display only)</source>
        <translation>Abgeschaltet: die nächste Schicht hört es nicht mehr (nur Anzeige)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scaled: the next layer hears it ×{s} (display only)</source>
        <translation>Skaliert: die nächste Schicht hört es ×{s} (nur Anzeige)</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/pad_compare.py" line="+94"/>
        <source>Compare with</source>
        <translation>Vergleichen mit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show beside the answer what an earlier network of this run answers to the same drawing</source>
        <translation>Neben der Antwort zeigen, was ein früheres Netz dieses Laufs auf dieselbe Zeichnung antwortet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the start</source>
        <translation>Anfang</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the end of epoch 1</source>
        <translation>Ende von Epoche 1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the timeline&apos;s moment</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Which earlier network: before training, after its first epoch, or the moment chosen on the timeline under the curves</source>
        <translation>Welches frühere Netz: vor dem Training, nach seiner ersten Epoche oder der auf der Zeitleiste unter den Kurven gewählte Zeitpunkt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Each network&apos;s own softmax probabilities (not calibrated), so the two moments are compared alike</source>
        <translation>Die eigenen Softmax-Wahrscheinlichkeiten jedes Netzes (nicht kalibriert), damit beide Zeitpunkte gleich verglichen werden</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Draw a digit to compare</source>
        <translation>Zeichnen Sie eine Ziffer zum Vergleichen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a moment on the timeline under the curves</source>
        <translation>Wählen Sie einen Zeitpunkt auf der Zeitleiste unter den Kurven</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No earlier moment is kept yet</source>
        <translation>Noch kein früherer Zeitpunkt aufbewahrt</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/pad_widgets.py" line="+22"/>
        <source>What the network receives: your drawing cropped, scaled into a 20-pixel box and centred by its centre of mass on 28×28 pixels, like MNIST.</source>
        <translation>Was das Netz bekommt: Ihre Zeichnung zugeschnitten, in ein 20-Pixel-Feld skaliert und nach ihrem Schwerpunkt auf 28×28 Pixeln zentriert, wie bei MNIST.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The network&apos;s probability for each class</source>
        <translation>Die Wahrscheinlichkeit des Netzes für jede Klasse</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/unit_menu.py" line="-39"/>
        <source>unit {unit} of hidden layer {layer}</source>
        <translation>Neuron {unit} der verborgenen Schicht {layer}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Scale a unit</source>
        <translation>Ein Neuron skalieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Multiply what {name} passes on by (0 switches it off, 1 leaves it as trained):</source>
        <translation>Was {name} weitergibt, multiplizieren mit (0 schaltet es ab, 1 lässt es wie trainiert):</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Unit {unit} of hidden layer {layer}</source>
        <translation>Neuron {unit} der verborgenen Schicht {layer}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The unit&apos;s activation no longer reaches the next layer (display only)</source>
        <translation>Die Aktivierung des Neurons erreicht die nächste Schicht nicht mehr (nur Anzeige)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restore this unit</source>
        <translation>Dieses Neuron wiederherstellen</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/weights_text.py" line="+24"/>
        <source>Layer 1 ({n_in}→{n_out}) as 28×28 tiles</source>
        <translation>Schicht 1 ({n_in}→{n_out}) als 28×28-Kacheln</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Layer {k} ({n_in}→{n_out}) matrix</source>
        <translation>Schicht {k} ({n_in}→{n_out}) als Matrix</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&lt;b&gt;Unit {unit}&lt;/b&gt;</source>
        <translation>&lt;b&gt;Neuron {unit}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Layer {layer} unit {unit}&lt;/b&gt;</source>
        <translation>&lt;b&gt;Schicht {layer}, Neuron {unit}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>weights {lo} … {hi}</source>
        <translation>Gewichte {lo} … {hi}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bias {b}</source>
        <translation>Bias {b}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>activation for the probe {a} (z = {z})</source>
        <translation>Aktivierung für die Probe {a} (z = {z})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>logit for the probe {z}</source>
        <translation>Logit für die Probe {z}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>dead: never active on held-out images</source>
        <translation>tot: nie aktiv auf zurückgehaltenen Bildern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>switched off (display only)</source>
        <translation>abgeschaltet (nur Anzeige)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>scaled ×{s} (display only)</source>
        <translation>skaliert ×{s} (nur Anzeige)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Layer {k}: unit {unit} ← input {inp} (unit {inp} of hidden layer {prev})</source>
        <translation>Schicht {k}: Neuron {unit} ← Eingang {inp} (Neuron {inp} der verborgenen Schicht {prev})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>change {d}</source>
        <translation>Änderung {d}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> Early on the random initial weights hide what is learned: tick Δ since start.</source>
        <translation> Anfangs verdecken die zufälligen Startgewichte, was gelernt wird: setzen Sie den Haken bei „Δ seit Start“.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Blue: negative weight (ink there lowers the unit), red: positive (ink there raises it). Hover a tile for details; click it to follow the unit in the activations view; right-click to switch it off.</source>
        <translation>Blau: negatives Gewicht (Tinte dort senkt das Neuron), rot: positives (Tinte dort hebt es an). Zeigen Sie auf eine Kachel für Details; Klick folgt dem Neuron in der Ansicht Aktivierungen; Rechtsklick schaltet es ab.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Row j: what unit j of layer {k} listens to; column i: what input i tells every unit. Blue lowers, red raises. Hover for the value; click a row to follow the unit; right-click to switch it off.</source>
        <translation>Zeile j: worauf Neuron j von Schicht {k} hört; Spalte i: was Eingang i jedem Neuron sagt. Blau senkt, rot hebt an. Zeigen Sie darauf für den Wert; Klick auf eine Zeile folgt dem Neuron; Rechtsklick schaltet es ab.</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/weights_controls.py" line="+24"/>
        <source>Layer 1 weights</source>
        <translation>Gewichte von Schicht 1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Previous page of units</source>
        <translation>Vorige Seite der Neuronen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next page of units</source>
        <translation>Nächste Seite der Neuronen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Which layer&apos;s weights to show: the first as one 28×28 tile per unit, the deeper ones as a matrix of units (rows) by inputs (columns)</source>
        <translation>Welche Gewichte gezeigt werden: die erste Schicht als eine 28×28-Kachel je Neuron, tiefere als Matrix aus Neuronen (Zeilen) und Eingängen (Spalten)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Shared</source>
        <translation>Gemeinsam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One colour means the same weight value in every tile: compare the strength of units.</source>
        <translation>Eine Farbe bedeutet in jeder Kachel denselben Gewichtswert: vergleichen Sie die Stärke der Neuronen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../visualizer/app/views/weights_view.py" line="-31"/>
        <source>Per tile</source>
        <translation>Je Kachel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each tile (each row of a matrix) uses its own largest weight: see the shape every unit has learned, even when its weights are small.</source>
        <translation>Jede Kachel (jede Zeile einer Matrix) nutzt ihr eigenes größtes Gewicht: so sieht man die Form, die jedes Neuron gelernt hat, auch wenn seine Gewichte klein sind.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Δ since start</source>
        <translation>Δ seit Start</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show W − W₀: how far each weight has moved from its random initial value. The learned part of every pattern stands out from the initial noise.</source>
        <translation>W − W₀ zeigen: wie weit sich jedes Gewicht von seinem zufälligen Startwert entfernt hat. Der gelernte Teil jedes Musters hebt sich vom anfänglichen Rauschen ab.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Colour scale:</source>
        <translation>Farbskala:</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/weights_view.py" line="-30"/>
        <source>This network has no hidden layer.</source>
        <translation>Dieses Netz hat keine verborgene Schicht.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>change since step {step}</source>
        <translation>Änderung seit Schritt {step}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>weights (no change since the start yet)</source>
        <translation>Gewichte (noch keine Änderung seit dem Start)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>weights</source>
        <translation>Gewichte</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Per unit</source>
        <translation>Je Neuron</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Layer 1 {what}: {units} · step {step}</source>
        <translation>Schicht 1, {what}: {units} · Schritt {step}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Layer {k} {what}: {units} × {inputs} · step {step}</source>
        <translation>Schicht {k}, {what}: {units} × {inputs} · Schritt {step}</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n input(s)</source>
        <translation>
            <numerusform>%n Eingang</numerusform>
            <numerusform>%n Eingänge</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>units {first}–{last} of {count}</source>
        <translation>Neuronen {first}–{last} von {count}</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/why_view.py" line="+45"/>
        <source>Draw a digit (or choose an image in the activations view) to see why</source>
        <translation>Zeichnen Sie eine Ziffer (oder wählen Sie ein Bild in der Ansicht Aktivierungen), um das Warum zu sehen</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Red: this ink pushed the class up. Blue: it pushed it down (gradient x input of the class&apos;s log-probability).</source>
        <translation>Rot: diese Tinte hat die Klasse nach oben gedrückt. Blau: nach unten (Gradient x Eingabe der Log-Wahrscheinlichkeit der Klasse).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>guess</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Explain the network&apos;s answer</source>
        <translation>Die Antwort des Netzes erklären</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Explain class {name}</source>
        <translation>Klasse {name} erklären</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>It looks like these training images to me:</source>
        <translation>Für mich sieht es aus wie diese Trainingsbilder:</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Could not judge this network: {error}</source>
        <translation>Dieses Netz ließ sich nicht beurteilen: {error}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Judging the network...</source>
        <translation>Das Netz wird beurteilt...</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Why {name}: red ink pushed {name} up, blue ink pushed it down.</source>
        <translation>Warum {name}: rote Tinte hat {name} nach oben gedrückt, blaue nach unten.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Unlike the training digits by {score:.2f} (unsure above {threshold:.2f}). </source>
        <translation>Abweichung von den Trainingsziffern: {score:.2f} (unsicher über {threshold:.2f}). </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Judged by the network at step {step}.</source>
        <translation>Beurteilt vom Netz bei Schritt {step}.</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/curves_texts.py" line="+18"/>
        <source>Per-batch figures are measured while the network trains: on augmented images and with dropout switching units off, when those are on. The per-epoch points are measured on the clean images with every unit on, so with augmentation or dropout the batch accuracy sits below the epoch accuracy.</source>
        <translation>Die Werte je Stapel werden gemessen, während das Netz trainiert: auf variierten Bildern und mit Dropout, das Neuronen abschaltet, wenn diese eingeschaltet sind. Die Punkte je Epoche werden auf den unveränderten Bildern mit allen Neuronen gemessen; mit Augmentierung oder Dropout liegt die Stapelgenauigkeit daher unter der Epochengenauigkeit.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>diverged: loss {loss} at step {step}, back to step {restored}</source>
        <translation>divergiert: Verlust {loss} bei Schritt {step}, zurück zu Schritt {restored}</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/views/backprop_frame.py" line="+94"/>
        <source>{n} values, {lo} … {hi}</source>
        <translation>{n} Werte, {lo} … {hi}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>loss = {minus}log p({name}) = {minus}log {p} = {loss}</source>
        <translation>Verlust = {minus}log p({name}) = {minus}log {p} = {loss}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>every unit of layer {layer} passes gradient back</source>
        <translation>jedes Neuron von Schicht {layer} gibt Gradienten zurück</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>off: zero gradient — {off} of {n} units (g′(Z) = 0, hatched)</source>
        <translation>aus: Gradient null — {off} von {n} Neuronen (g′(Z) = 0, schraffiert)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>(dW includes the L2 term {decay}·W, as training&apos;s does)</source>
        <translation>(dW enthält den L2-Term {decay}·W, wie beim Training)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{optimizer}, learning rate α = {lr}</source>
        <translation>{optimizer}, Lernrate α = {lr}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>step t = {t}</source>
        <translation>Schritt t = {t}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(from a fresh optimizer state)</source>
        <translation>(aus einem frischen Optimiererzustand)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>effective step α/(√v̂+ε): median {median} ({lo} … {hi})</source>
        <translation>effektiver Schritt α/(√v̂+ε): Median {median} ({lo} … {hi})</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/why_model.py" line="+116"/>
        <source>This doesn&apos;t look like a digit to me (my best guess: {name}, {percent}% after calibration)</source>
        <translation>Das sieht für mich nicht nach einer Ziffer aus (meine beste Vermutung: {name}, {percent} % nach Kalibrierung)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}, {percent}% sure (calibrated)</source>
        <translation>{name}, {percent} % sicher (kalibriert)</translation>
    </message>
    <message>
        <location filename="../../visualizer/app/curves_menu.py" line="+33"/>
        <source>Follow the run</source>
        <translation>Dem Training folgen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo zooming and panning: the curves follow training again</source>
        <translation>Zoomen und Verschieben zurücknehmen: die Kurven folgen wieder dem Training</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Grid</source>
        <translation>Gitternetz</translation>
    </message>
</context>
</TS>
