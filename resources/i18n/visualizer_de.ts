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
        <location filename="../../visualizer/app/classroom.py" line="+55"/>
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
        <source>Projector mode: larger text, thicker lines, stronger colours</source>
        <translation>Beamer-Modus: größere Schrift, dickere Linien, kräftigere Farben</translation>
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
        <location filename="../../visualizer/app/window_actions.py" line="+100"/>
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
        <source>How many times training goes through the whole training set. Start continues for this many more epochs.</source>
        <translation>Wie oft das Training den ganzen Trainingssatz durchläuft. Start trainiert so viele weitere Epochen.</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location line="+8"/>
        <source>Locked while a run is under way, paused or not: the run and its learning-rate schedule were planned for this many epochs. Stop the run, change it, and Start continues for the new number.</source>
        <translation>Gesperrt, solange ein Lauf im Gang ist, pausiert oder nicht: der Lauf und sein Lernraten-Verlauf wurden für so viele Epochen geplant. Beenden Sie den Lauf, ändern Sie den Wert, und Start trainiert mit der neuen Zahl weiter.</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location filename="../../visualizer/app/controls.py" line="-101"/>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <location line="+63"/>
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
        <source>Batch size</source>
        <translation>Stapelgröße</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <source>Curves</source>
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
        <location line="+58"/>
        <source>Starting over with new random weights</source>
        <translation>Ein Neubeginn mit neuen Zufallsgewichten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New random weights: the network starts from scratch.</source>
        <translation>Neue Zufallsgewichte: das Netz beginnt von vorn.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../visualizer/app/window_actions.py" line="-71"/>
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
        <location line="+139"/>
        <source>Batch –</source>
        <translation>Stapel –</translation>
    </message>
    <message>
        <location line="-128"/>
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
        <location line="+82"/>
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
        <location filename="../../visualizer/app/views/__init__.py" line="+151"/>
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
        <location line="+1"/>
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
</context>
</TS>
