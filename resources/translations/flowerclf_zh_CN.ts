<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>About</name>
    <message>
        <source>(still loading)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classify photos with a neural network, or teach it your own classes from a folder of labelled photos.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CellImages</name>
    <message>
        <source>{path}
True class: {true}
Predicted: {predicted} ({sure} sure)
Double-click to open it in Predict</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClassMetrics</name>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of the images predicted as this class, the share that truly are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of the images of this class, the share the model recognised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precision and recall in one number (their harmonic mean)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images of this class that were evaluated</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClosingFlow</name>
    <message>
        <source>Stopping the training…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keeping the new model safe…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ColourScale</name>
    <message>
        <source>Blue: nothing for this class · red: strongest evidence for it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfusionMatrix</name>
    <message numerus="yes">
        <source>%n image(s) of {true} recognised correctly</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) of {true} taken for {predicted}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Predicted class →</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>← True class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confusion matrix: rows are true classes, columns predicted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predicted as {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Truly {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ({share:.0%} of {total})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Click to see them</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatasetSummary</name>
    <message>
        <source>Photos to learn from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A folder with one subfolder per class, each full of example photos (for example flowers/roses, flowers/tulips, …). You can also drop the folder here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No folder chosen yet: choose one or drop it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking through the folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{photos} in {classes}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln photo(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n class(es)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source> The folder is already split: {train:,} to learn from, {val:,} to check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> %n file(s) will be skipped (listed below).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DropArea</name>
    <message>
        <source>Open images…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try ImageNet: 1,000 everyday things</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A network that already knows 1,000 everyday things (dogs, cars, fruit…): drop any photo and see what it thinks. Downloaded once if it is not here yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose photos to classify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classify a picture copied to the clipboard (Ctrl+V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a model file (.safetensors or .pth)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teach a new model from a folder of your own photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getting ready…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The classifier engine is starting. You can already drop photos here: they will be classified as soon as a model is ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a model file, or train one on your own photos in the Train tab. You can also drop a model file (.safetensors or .pth) here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop photos here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop pictures or whole folders on this window, open them, or paste a picture with Ctrl+V.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n folder(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>{what} waiting to be classified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message>
        <source>not installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>CPU ({name}, %n core(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Loading the engine…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic: {device}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>this network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ImageNet starting weights for {arch} are not on this computer and could not be downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Use a weights file you have, or let the network start from scratch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That device is not available on this computer. Choose Automatic or CPU under Device in the Train tab&apos;s options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it cannot be written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save {where}: {reason}. Choose another place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This needs an optional part of FlowerClf that is not installed. Whoever installed FlowerClf can add it with: pip install &apos;flowerclf[{extra}]&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>working</source>
        <extracomment>kinds whose words differ in the app from the core&apos;s own message</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong while {what}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the computer ran out of memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder {path} does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photos need at least two classes (subfolders); this folder has only one: {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These class folders have no usable photo to learn from: {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These class folders have no usable photo to check with: {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These class folders have no usable photo: {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>None of the %n image(s) could be read.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>There are no images to use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of the folder&apos;s classes ({dataset}) is one the model knows ({model}). The subfolders must be named like the model&apos;s classes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read {name}: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the picture: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} holds a {detected}, not a {arch}: choose {detected} to use it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} holds none of the networks FlowerClf knows, so it cannot be a {arch}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model has no class {which}; its classes are {classes}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {name} must be between {minimum} and {maximum}; {value} cannot work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {name} must be at least {minimum}; {value} cannot work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {name} cannot be {value}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no interrupted training to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The interrupted training was saved by a newer FlowerClf; update it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The interrupted training in {name} cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The interrupted training cannot go on with these photos and settings: %n setting(s) or file(s) differ.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The ONNX export does not answer as FlowerClf does (largest difference {difference:.6f}), so it was not kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is a file, not a folder: choose the folder of the classes.</source>
        <extracomment>kind -&gt; words; error_words adds its own for the kinds that name the app&apos;s buttons</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder {path} has no class subfolders: put the photos of each class in a subfolder named after the class.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No photo is left to learn from once the validation share is set aside: lower the validation share or add photos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file {path} does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is a folder; choose a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model file {path} is damaged and cannot be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} was saved by a newer FlowerClf; update FlowerClf to open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is not a FlowerClf model file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} does not hold plain network weights (or holds code, which is never run).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} holds weights of no network FlowerClf knows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The class names file (class_indices.json) is missing beside {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The class names file {path} cannot be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The weights in {path} give {outputs} classes, but {class_names_path} names {classes}: they do not belong together.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FlowerClf does not know the network {arch}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The downloaded ImageNet weights for {arch} are damaged. Delete {cache_path} to download them again, or let the network start from scratch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FlowerClf does not know the number format {precision}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device does not offer the number format {precision}: choose Automatic.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training went numerically wrong (the loss is not a number). Try a smaller learning rate than {lr}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network {arch} has no layer to draw a heat map from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An interrupted training ({description}) would be overwritten: resume it, or discard it to start again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeatMapPanel</name>
    <message>
        <source>Show heat map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour the parts of the picture that made the model choose its class (Grad-CAM). Click a class in the bars to see where that class was found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How strongly the heat map covers the picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heat map opacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open or train a model to see heat maps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>computing the heat map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No heat map: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the model sees “{label}” (the top class). Click a class in the bars for its map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the model sees “{label}”. Click a class in the bars for its map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing the heat map…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a picture to see its heat map.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageView</name>
    <message>
        <source>Selected picture</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <extracomment>the catalogues that exist besides English, the language of the source Qt&apos;s own catalogues, for its dialogs and buttons, when its install has them the person chose another language (&quot;system&quot;, &quot;en&quot; or &quot;zh_CN&quot;); it applies on restart</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>中文 (简体)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The interface will be in Chinese when FlowerClf next starts. FlowerClf 下次启动时将显示中文界面。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The interface will be in English when FlowerClf next starts.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Log</name>
    <message>
        <source>Validating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training stopped; the best model so far is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training stopped before its first epoch ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The computer ran out of memory. Training stopped; the best model so far is kept. A smaller batch size or image size needs less memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Converting the network to ONNX…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the export on photos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>full precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fast 16-bit precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training {0} on {1} in {2}; {3} training and {4} validation images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped an unreadable image: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The checkpoint could not be written ({0}); training goes on without it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continuing the interrupted training after epoch {0} of {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out of memory on the {0}: going on with {1} images at a time (the batch stays {2}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading the ImageNet weights for {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo folder {0} is no longer there (an unplugged drive?). Training stopped; the best model so far is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU ({0}, {1} cores)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LossChart</name>
    <message>
        <source>Loss (lower is better)</source>
        <extracomment>Where a validation loss of exactly 0 is drawn on the log axis.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation accuracy (higher is better)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accuracy %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>smoothed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Models (*.safetensors *.pth *.pt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classify photos with the current model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teach a model from a folder of your own photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How good the model is, and which pictures it gets wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;images…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save model as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import tutorial model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About FlowerClf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ({n} more after this one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A training stopped before its last epoch: {what}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models (*.safetensors)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no model to save yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another model is being saved; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save elsewhere…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About FlowerClf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training is still running. Stop it and close FlowerClf?

The best model so far is kept, and you can save it before the app closes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save all in a folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These models are not saved and will be lost:

</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save all models in this folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Details…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This looks like a bug. The text below helps to fix it; please pass it on.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelDialogs</name>
    <message>
        <source>Import tutorial model: the weights (.pth)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PyTorch weights (*.pth *.pt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import tutorial model: the class names (class_indices.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no model to export yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export for other programs (ONNX)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ONNX (*.onnx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export tutorial model into folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the model for use outside FlowerClf:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For other programs (ONNX)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tutorial pair (.pth + class_indices.json)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ONNX file is checked before it is kept: it must give the same answers as FlowerClf. To keep the model for FlowerClf itself, use Save model as…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PicturePanel</name>
    <message>
        <source>Could not read this file</source>
        <extracomment>With many classes, the bars show this many, most probable first.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{p} sure · {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting to be classified · {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loading the picture</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PredictTab</name>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No pictures were found in what was dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model that classifies the pictures. Models trained in this session stay here until the app closes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open images…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose photos to classify (Ctrl+Shift+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save every picture&apos;s top class and all class probabilities as a spreadsheet (CSV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove all pictures from the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} classes: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pasted picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clipboard holds no picture to classify.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no pictures to export yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {n} rows to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (+{n} waiting)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classifying %v of %m</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PredictionList</name>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>classifying pictures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProbabilityBars</name>
    <message>
        <source>Class probabilities</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>the file is empty</source>
        <extracomment>every fixed phrase of the core&apos;s (core.data, core.files) and of the app&apos;s tasks</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an image or damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the image file is cut short (truncated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the image is too large to open safely</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>permission denied: the file cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not enough memory to decode the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this is a folder, not an image file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an image file (no extension)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not inside a class folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a file is in the way of the folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the folder does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a folder has that name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the name is too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the disk reported an error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the disk quota is used up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the system refused to write it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the folder does not exist and cannot be made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an image file ({0})</source>
        <extracomment>phrases with a name or a number in them: (their shape, the words with {0}, {1}...)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the image is too large to open safely (over {0} megapixels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the folder {0} is a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the folder does not exist and cannot be made ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not used: only the {0} and {1} folders are read</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Models to recover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These models were trained but not saved when FlowerClf last closed. Restore them to use and save them, or discard them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trained</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They are kept in {folder} ({used} of at most {limit}; the oldest go first).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep them for now and ask again at the next start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete {n} trained model(s) for good? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultImages</name>
    <message>
        <source>Open in Predict</source>
        <extracomment>Thumbnails are made for this many rows of the review list (the worst ones); the rest show their names only, so a big folder costs no more than this.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classify the selected image in the Predict tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the folder that holds the selected image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images to review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images of the cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every image, ranked: confident mistakes first, then right answers the model was unsure of. Often these are mislabelled or odd photos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a cell of the confusion matrix to see its images here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model file keeps the {n} worst images, so a cell may list fewer images than it counts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click an image to classify it in Predict.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (the model file keeps {n} of them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>. Double-click one to classify it in Predict.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: file not found ({path}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder {folder} no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open the folder {folder}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsTab</name>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop evaluating; the images done so far are shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate on a folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the model on a folder of labelled photos, one subfolder per class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save an HTML page with the settings, curves, confusion matrix, per-class scores and the images to review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Confusion matrix&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Green: right · red: taken for another class. Click a cell to see its images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Per class&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average of the classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate on a folder (one sub-folder per class)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>evaluating on {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking through the folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · {s} s left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluating %v of %m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped before any image was evaluated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all {n} images in {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the first {n} images in {folder} (stopped early)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} file(s) could not be read and were left out: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no model to report on yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>writing the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the report to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open or train a model to see how well it does: which classes it confuses, and which pictures it gets wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This model has not been evaluated yet.

Click “Evaluate on a folder…” and choose a folder of labelled photos (one sub-folder per class) to see where it goes wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy {p}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{right} of {total} images right, {wrong} mistake(s), on {source}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} unreadable file(s) left out</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewList</name>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>True class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank: the worst first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How sure the model was of the class it predicted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path}
Double-click to open it in Predict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>right, but unsure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mistake</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>{name} (not saved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loading the engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opening {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opening the ImageNet model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} (imported)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>importing {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{arch} trained {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>the %n validation image(s) of the training run</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>saving {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exporting the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported {first} and {second}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported {path} (and {client} beside it to use it). Checked on %n photo(s): same answers; largest difference {d:.5f}.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>keeping the new model safe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>looking for models to recover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restoring {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its validation images (stored in the model)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>architecture</source>
        <extracomment>what each training setting is called in a sentence (the core&apos;s FIELD_LABELS, in words)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last-layer-only setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>number of epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>batch size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>image size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>number of workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>number format</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <source>Training…</source>
        <extracomment>What the status bar says while a slot is busy, most telling first.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the engine…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keeping the new model safe…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting the model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classifying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device: …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the network runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device: {d}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model: </source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n class(es): {names}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Model: none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ThumbnailLoader</name>
    <message>
        <source>making thumbnails</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainOptions</name>
    <message>
        <source>PyTorch weights (*.pth *.pt *.safetensors);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smallest and fastest: good for quick tries and slow computers.</source>
        <extracomment>the architectures&apos; one-line descriptions (core.config), as the app says them</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The default: a good balance of accuracy and speed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A little more accurate than resnet34, slower to train and needs more memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deeper and more accurate; about twice as slow as resnet50.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The deepest plain ResNet: accurate but slow; best with a GPU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A resnet50 with grouped convolutions: more accurate at about the same cost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Large and accurate; very slow without a GPU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A wider resnet50: accurate, but large and slow without a GPU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Options</source>
        <extracomment>The TrainingConfig fields this form shows (and remembers between runs).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kind of network. Bigger networks can be more accurate but train and answer more slowly. resnet18 and resnet34 are good first choices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}  ({params:.1f} M parameters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ImageNet (recommended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None: start from scratch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From a file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the network already knows before it sees your photos. Starting from ImageNet (a million everyday photos) needs far fewer photos of your own; from scratch needs many more photos and epochs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tune all layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train the last layer only (faster)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tuning all layers usually gives the best accuracy. Training only the last layer is quicker and works well when your photos look like everyday photos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many times the network looks at every training photo. More epochs take longer and can help, up to a point.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many photos the network looks at together before it adjusts itself. Lower it if the computer runs out of memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How big each adjustment is. Too big and learning goes wild; too small and it crawls. 0.0001 suits fine-tuning.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos are resized to this many pixels square. 224 is what these networks were made for; smaller is faster but sees less detail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The share of photos kept aside to check the network on photos it has not learnt from. That check picks the best epoch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the work runs. Automatic uses a graphics card when there is one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A network that starts from scratch knows nothing yet: training only its last layer learns little. Fine-tune all layers, or start from ImageNet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the recommended settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File: {name}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainTab</name>
    <message>
        <source>&amp;Start training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start training with these options (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop after the current batch and keep the best model so far (Shift+F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happens during training is written here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder of labelled photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop a folder here: one subfolder per class, each with example photos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait a moment: the folder is still being looked through.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder of photos first: one subfolder per class.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out of memory: {n} at a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloaded {name} ({size}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training {verb} after {t}: {best}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training {verb} · {best}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save model as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try it in Predict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training did not finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting weights not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ImageNet starting weights for {arch} are not on this computer and could not be downloaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a weights file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train from scratch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can choose a weights file you already have, or let the network start from scratch (it then needs more photos and more epochs to learn well).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Training</name>
    <message>
        <source>{h} h {m:02d} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{m} min {s:02d} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{mb:.1f} MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ImageNet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (from scratch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last layer only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training {arch} ({mode}) on {folder}: {epochs} epochs, batch size {batch}, learning rate {lr:g}, image size {size} px, starting weights {weights}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about {t} left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>estimating time left…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{epoch} · step {step} of {steps}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{stage} {done} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch {n} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch {n} of {total}: training loss {loss:.4f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation loss {loss:.4f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation accuracy {acc:.1%}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (done before the interruption)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (best so far)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · {ips:.1f} images/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>    per class: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading starting weights {name}: {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no epoch was finished, so no model was kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>best validation accuracy {acc:.1%} (epoch {epoch})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no validation photos, so the last epoch is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training {verb}: {best}. The model is ready in the Predict tab; save it to keep it after the app closes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training {verb}: {best}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingRun</name>
    <message>
        <source>looking through the folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>looking for interrupted trainings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_ImageActions</name>
    <message>
        <source>Open in Predict</source>
        <extracomment>A right answer given with less than this probability is called unsure.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
