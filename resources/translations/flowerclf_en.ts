<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CheckReview</name>
    <message numerus="yes">
        <source>Group {number}: %n photo(s)</source>
        <translation>
            <numerusform>Group {number}: %n photo</numerusform>
            <numerusform>Group {number}: %n photos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CheckWords</name>
    <message numerus="yes">
        <source>%n group(s) of exact copies</source>
        <translation>
            <numerusform>%n group of exact copies</numerusform>
            <numerusform>%n groups of exact copies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n group(s) of near copies</source>
        <translation>
            <numerusform>%n group of near copies</numerusform>
            <numerusform>%n groups of near copies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) in more than one class</source>
        <translation>
            <numerusform>%n photo in two classes</numerusform>
            <numerusform>%n photos in more than one class</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) in both train and val</source>
        <translation>
            <numerusform>%n photo in both train and val</numerusform>
            <numerusform>%n photos in both train and val</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) that cannot be read</source>
        <translation>
            <numerusform>%n file that cannot be read</numerusform>
            <numerusform>%n files that cannot be read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n picture(s) under 64 pixels</source>
        <translation>
            <numerusform>%n picture under 64 pixels</numerusform>
            <numerusform>%n pictures under 64 pixels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n class(es) with fewer than 10 photos</source>
        <translation>
            <numerusform>%n class with fewer than 10 photos</numerusform>
            <numerusform>%n classes with under 10 photos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln photo(s) checked: no copies, conflicts or unreadable files.</source>
        <translation>
            <numerusform>%Ln photo checked: no copies, conflicts or unreadable files.</numerusform>
            <numerusform>%Ln photos checked: no copies, conflicts or unreadable files.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln photo(s) checked. Worth a look: {list}.</source>
        <translation>
            <numerusform>%Ln photo checked. Worth a look: {list}.</numerusform>
            <numerusform>%Ln photos checked. Worth a look: {list}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConfusionMatrix</name>
    <message numerus="yes">
        <source>%n image(s) of {true} recognised correctly</source>
        <translation>
            <numerusform>%n image of {true} recognised correctly</numerusform>
            <numerusform>%n images of {true} recognised correctly</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) of {true} taken for {predicted}</source>
        <translation>
            <numerusform>%n image of {true} taken for {predicted}</numerusform>
            <numerusform>%n images of {true} taken for {predicted}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DatasetSummary</name>
    <message numerus="yes">
        <source>%Ln photo(s)</source>
        <translation>
            <numerusform>%Ln photo</numerusform>
            <numerusform>%Ln photos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n class(es)</source>
        <translation>
            <numerusform>%n class</numerusform>
            <numerusform>%n classes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> %n file(s) will be skipped (listed below).</source>
        <translation>
            <numerusform> %n file will be skipped (listed below).</numerusform>
            <numerusform> %n files will be skipped (listed below).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DropArea</name>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n photo</numerusform>
            <numerusform>%n photos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n folder(s)</source>
        <translation>
            <numerusform>%n folder</numerusform>
            <numerusform>%n folders</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message numerus="yes">
        <source>CPU ({name}, %n core(s))</source>
        <translation>
            <numerusform>CPU ({name}, %n core)</numerusform>
            <numerusform>CPU ({name}, %n cores)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n GPUs together</source>
        <translation>
            <numerusform>All %n GPU together</numerusform>
            <numerusform>All %n GPUs together</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message numerus="yes">
        <source>None of the %n image(s) could be read.</source>
        <translation>
            <numerusform>The %n image could not be read.</numerusform>
            <numerusform>None of the %n images could be read.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The interrupted training cannot go on with these photos and settings: %n setting(s) or file(s) differ.</source>
        <translation>
            <numerusform>The interrupted training cannot go on with these photos and settings: %n setting or file differs.</numerusform>
            <numerusform>The interrupted training cannot go on with these photos and settings: %n settings or files differ.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NetworkTab</name>
    <message numerus="yes">
        <source>%n class(es)</source>
        <translation>
            <numerusform>%n class</numerusform>
            <numerusform>%n classes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PhotoMover</name>
    <message numerus="yes">
        <source>%n photo(s) excluded</source>
        <translation>
            <numerusform>%n photo excluded</numerusform>
            <numerusform>%n photos excluded</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) to {name}</source>
        <translation>
            <numerusform>%n photo to {name}</numerusform>
            <numerusform>%n photos to {name}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PredictTab</name>
    <message numerus="yes">
        <source>%n class(es): {names}</source>
        <translation>
            <numerusform>%n class: {names}</numerusform>
            <numerusform>%n classes: {names}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved %n row(s) to {path}.</source>
        <translation>
            <numerusform>Saved %n row to {path}.</numerusform>
            <numerusform>Saved %n rows to {path}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message numerus="yes">
        <source>Delete %n trained model(s) for good? This cannot be undone.</source>
        <translation>
            <numerusform>Delete %n trained model for good? This cannot be undone.</numerusform>
            <numerusform>Delete %n trained models for good? This cannot be undone.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Results</name>
    <message numerus="yes">
        <source>%n file(s) could not be read and were left out: {names}</source>
        <translation>
            <numerusform>%n file could not be read and was left out: {names}</numerusform>
            <numerusform>%n files could not be read and were left out: {names}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultsTab</name>
    <message numerus="yes">
        <source>all %n image(s) in {folder}</source>
        <translation>
            <numerusform>the %n image in {folder}</numerusform>
            <numerusform>all %n images in {folder}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the first %n image(s) in {folder} (stopped early)</source>
        <translation>
            <numerusform>the first %n image in {folder} (stopped early)</numerusform>
            <numerusform>the first %n images in {folder} (stopped early)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{right} of %n image(s) right, {mistakes}, on {source}</source>
        <translation>
            <numerusform>{right} of %n image right, {mistakes}, on {source}</numerusform>
            <numerusform>{right} of %n images right, {mistakes}, on {source}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mistake(s)</source>
        <translation>
            <numerusform>%n mistake</numerusform>
            <numerusform>%n mistakes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable file(s) left out</source>
        <translation>
            <numerusform>%n unreadable file left out</numerusform>
            <numerusform>%n unreadable files left out</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message numerus="yes">
        <source>the %n validation image(s) of the training run</source>
        <translation>
            <numerusform>the %n validation image of the training run</numerusform>
            <numerusform>the %n validation images of the training run</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported {path} (and {client} beside it to use it). Checked on %n photo(s): same answers; largest difference {d:.5f}.</source>
        <translation>
            <numerusform>Exported {path} (and {client} beside it to use it). Checked on %n photo: same answer; largest difference {d:.5f}.</numerusform>
            <numerusform>Exported {path} (and {client} beside it to use it). Checked on %n photos: same answers; largest difference {d:.5f}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message numerus="yes">
        <source>%n class(es): {names}</source>
        <translation>
            <numerusform>%n class: {names}</numerusform>
            <numerusform>%n classes: {names}</numerusform>
        </translation>
    </message>
</context>
</TS>
