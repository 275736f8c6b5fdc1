<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>About</name>
    <message>
        <source>(still loading)</source>
        <translation>（仍在加载）</translation>
    </message>
    <message>
        <source>Classify photos with a neural network, or teach it your own classes from a folder of labelled photos.</source>
        <translation>用神经网络为照片分类，或用一个按类别整理好的照片文件夹教它认识你自己的类别。</translation>
    </message>
</context>
<context>
    <name>BlockDrawing</name>
    <message>
        <source>Drawing of the block</source>
        <translation>残差块示意图</translation>
    </message>
    <message>
        <source>{k}×{k} conv, {c}, stride {s}</source>
        <translation>{k}×{k} 卷积，{c}，步幅 {s}</translation>
    </message>
    <message>
        <source>{k}×{k} max pool, stride {s}</source>
        <translation>{k}×{k} 最大池化，步幅 {s}</translation>
    </message>
    <message>
        <source>average pool</source>
        <translation>平均池化</translation>
    </message>
    <message>
        <source>fc, {c} outputs</source>
        <translation>全连接层，{c} 个输出</translation>
    </message>
    <message>
        <source>{k}×{k} conv, {c}, {g} groups of {w}</source>
        <translation>{k}×{k} 卷积，{c}，分 {g} 组，每组 {w}</translation>
    </message>
    <message>
        <source>{k}×{k} conv, {c}</source>
        <translation>{k}×{k} 卷积，{c}</translation>
    </message>
    <message>
        <source>Choose a stage in the table to see its block.</source>
        <translation>在表格中选择一个阶段，即可看到它的残差块。</translation>
    </message>
    <message>
        <source>{c} channels in</source>
        <translation>输入 {c} 个通道</translation>
    </message>
    <message>
        <source>identity</source>
        <translation>恒等映射</translation>
    </message>
    <message>
        <source>ReLU, {c} channels out</source>
        <translation>ReLU，输出 {c} 个通道</translation>
    </message>
    <message>
        <source>{c} channels out</source>
        <translation>输出 {c} 个通道</translation>
    </message>
</context>
<context>
    <name>Camera</name>
    <message>
        <source>The camera needs a part of the system that is missing ({library}). Whoever looks after this computer can install it with the system&apos;s package manager.</source>
        <translation>摄像头需要系统中缺少的一个组件（{library}）。这台电脑的管理者可以用系统的软件包管理器安装它。</translation>
    </message>
    <message>
        <source>The camera needs an optional part of flowerclf (Qt Multimedia) that is not installed. Whoever installed flowerclf can add it with:

{command}</source>
        <translation>摄像头需要 flowerclf 的一个可选组件（Qt Multimedia），但它尚未安装。安装 flowerclf 的人可以用以下命令添加：

{command}</translation>
    </message>
    <message>
        <source>No camera was found. Connect one (or allow the app to use it) and it appears here.</source>
        <translation>没有找到摄像头。连接一个摄像头（或允许本应用使用它），它就会显示在这里。</translation>
    </message>
    <message>
        <source>This computer does not allow flowerclf to use the camera. Allow it in the system&apos;s privacy settings, then try again.</source>
        <translation>这台电脑不允许 flowerclf 使用摄像头。请在系统的隐私设置中允许，然后重试。</translation>
    </message>
    <message>
        <source>The camera stopped working. Another program may be using it, or it was unplugged.</source>
        <translation>摄像头停止工作了。可能有其他程序正在使用它，或者它被拔掉了。</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>正在启动摄像头…</translation>
    </message>
    <message>
        <source>The camera is off.</source>
        <translation>摄像头已关闭。</translation>
    </message>
</context>
<context>
    <name>CameraView</name>
    <message>
        <source>The camera to use</source>
        <translation>要使用的摄像头</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Freeze the picture and the bars</source>
        <translation>定住画面和概率条</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>快照</translation>
    </message>
    <message>
        <source>Add the picture to the list of pictures, to keep and compare it</source>
        <translation>把这幅画面加入图片列表，以便保留和比较</translation>
    </message>
    <message>
        <source>Save snapshot…</source>
        <translation>保存快照…</translation>
    </message>
    <message>
        <source>Save the last snapshot as an image file</source>
        <translation>把最近一张快照保存为图像文件</translation>
    </message>
    <message>
        <source>Camera:</source>
        <translation>摄像头：</translation>
    </message>
    <message>
        <source>Camera picture</source>
        <translation>摄像头画面</translation>
    </message>
    <message>
        <source>Waiting for the picture…</source>
        <translation>正在等待画面…</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Start the camera</source>
        <translation>启动摄像头</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>{n:.1f} pictures a second</source>
        <translation>每秒 {n:.1f} 幅画面</translation>
    </message>
    <message>
        <source>Camera {time}</source>
        <translation>摄像头 {time}</translation>
    </message>
    <message>
        <source>Save snapshot</source>
        <translation>保存快照</translation>
    </message>
    <message>
        <source>PNG image (*.png);;JPEG image (*.jpg *.jpeg)</source>
        <translation>PNG 图像 (*.png);;JPEG 图像 (*.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Saved the snapshot as {path}.</source>
        <translation>快照已保存为 {path}。</translation>
    </message>
</context>
<context>
    <name>CellImages</name>
    <message>
        <source>{path}
True class: {true}
Predicted: {predicted} ({sure} sure)
Double-click to open it in Predict</source>
        <translation>{path}
真实类别：{true}
预测类别：{predicted}（置信度 {sure}）
双击可在“预测”页中打开</translation>
    </message>
</context>
<context>
    <name>ChangedImages</name>
    <message>
        <source>{path}
True class: {true}
{a}: {pa} ({qa} sure)
{b}: {pb} ({qb} sure)
Double-click to open it in Predict</source>
        <translation>{path}
真实类别：{true}
{a}：{pa}（把握 {qa}）
{b}：{pb}（把握 {qb}）
双击可在“预测”中打开</translation>
    </message>
</context>
<context>
    <name>CheckPanel</name>
    <message>
        <source>Photo check</source>
        <translation>照片检查</translation>
    </message>
    <message>
        <source>Choose a folder: its photos are checked for copies, photos in two classes and unreadable files.</source>
        <translation>选择一个文件夹：将检查其中的照片是否有重复、同一照片分在两个类别，以及无法读取的文件。</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>复查…</translation>
    </message>
    <message>
        <source>See the photos found, and move them to another class or out of the dataset</source>
        <translation>查看找到的照片，并把它们移到其他类别或移出数据集</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Checking the photos…</source>
        <translation>正在检查照片…</translation>
    </message>
    <message>
        <source>checking the photos</source>
        <translation>检查照片</translation>
    </message>
    <message>
        <source>Waiting for the folder to be looked through…</source>
        <translation>正在等待查看文件夹…</translation>
    </message>
    <message>
        <source>Checking the photos… {done:,} of {total:,}</source>
        <translation>正在检查照片… {done:,} / {total:,}</translation>
    </message>
    <message>
        <source>The photos could not be checked: {why}</source>
        <translation>无法检查这些照片：{why}</translation>
    </message>
</context>
<context>
    <name>CheckReview</name>
    <message>
        <source>Photo check</source>
        <translation>照片检查</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>The class folder to move the selected photos to</source>
        <translation>要把选中照片移入的类别文件夹</translation>
    </message>
    <message>
        <source>Move to class</source>
        <translation>移到类别</translation>
    </message>
    <message>
        <source>Exclude</source>
        <translation>排除</translation>
    </message>
    <message>
        <source>Move the selected photos out of the dataset, to a folder beside it. Nothing is deleted.</source>
        <translation>把选中的照片移出数据集，放到旁边的一个文件夹中。不会删除任何文件。</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Put the last moved photos back (Ctrl+Z)</source>
        <translation>把最近移动的照片放回原处（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Cannot be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>Smaller than 64 pixels on a side</source>
        <translation>边长小于 64 像素</translation>
    </message>
    <message numerus="yes">
        <source>Group {number}: %n photo(s)</source>
        <translation>
            <numerusform>第 {number} 组：%n 张照片</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CheckWords</name>
    <message>
        <source>Exact copies</source>
        <translation>完全相同的副本</translation>
    </message>
    <message>
        <source>The same file under other names: the model sees it twice.</source>
        <translation>同一个文件换了名字：模型会把它看两遍。</translation>
    </message>
    <message>
        <source>Near copies</source>
        <translation>近似副本</translation>
    </message>
    <message>
        <source>The same photo resized, recompressed or cropped.</source>
        <translation>同一张照片被缩放、重新压缩或裁剪过。</translation>
    </message>
    <message>
        <source>Same photo, different classes</source>
        <translation>同一照片，不同类别</translation>
    </message>
    <message>
        <source>One of them is probably in the wrong class folder.</source>
        <translation>其中一张很可能放错了类别文件夹。</translation>
    </message>
    <message>
        <source>In both train and val</source>
        <translation>同时在训练集和验证集中</translation>
    </message>
    <message>
        <source>A photo the model learns from is also used to check it: the accuracy looks better than it is.</source>
        <translation>模型学习用的照片也被用来检验它：准确率看起来会比实际更好。</translation>
    </message>
    <message numerus="yes">
        <source>%n group(s) of exact copies</source>
        <translation>
            <numerusform>%n 组完全相同的副本</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n group(s) of near copies</source>
        <translation>
            <numerusform>%n 组近似副本</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) in more than one class</source>
        <translation>
            <numerusform>%n 张照片属于不止一个类别</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) in both train and val</source>
        <translation>
            <numerusform>%n 张照片同时在训练集和验证集中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) that cannot be read</source>
        <translation>
            <numerusform>%n 个无法读取的文件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n picture(s) under 64 pixels</source>
        <translation>
            <numerusform>%n 张图片小于 64 像素</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n class(es) with fewer than 10 photos</source>
        <translation>
            <numerusform>%n 个类别的照片少于 10 张</numerusform>
        </translation>
    </message>
    <message>
        <source>the largest class has {ratio:.0f}× the photos of the smallest</source>
        <translation>最大类别的照片数是最小类别的 {ratio:.0f} 倍</translation>
    </message>
    <message numerus="yes">
        <source>%Ln photo(s) checked: no copies, conflicts or unreadable files.</source>
        <translation>
            <numerusform>已检查 %Ln 张照片：没有重复、冲突或无法读取的文件。</numerusform>
        </translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message numerus="yes">
        <source>%Ln photo(s) checked. Worth a look: {list}.</source>
        <translation>
            <numerusform>已检查 %Ln 张照片。值得一看：{list}。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClassMetrics</name>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像数</translation>
    </message>
    <message>
        <source>Of the images predicted as this class, the share that truly are</source>
        <translation>被预测为该类别的图像中，真正属于该类别的比例</translation>
    </message>
    <message>
        <source>Of the images of this class, the share the model recognised</source>
        <translation>该类别的图像中，被模型正确识别的比例</translation>
    </message>
    <message>
        <source>Precision and recall in one number (their harmonic mean)</source>
        <translation>把精确率和召回率合成一个数（二者的调和平均）</translation>
    </message>
    <message>
        <source>Images of this class that were evaluated</source>
        <translation>参与评估的该类别图像数</translation>
    </message>
</context>
<context>
    <name>ClosingFlow</name>
    <message>
        <source>Stopping the training…</source>
        <translation>正在停止训练…</translation>
    </message>
    <message>
        <source>Keeping the new model safe…</source>
        <translation>正在妥善保存新模型…</translation>
    </message>
    <message>
        <source>Saving {name}…</source>
        <translation>正在保存 {name}…</translation>
    </message>
    <message>
        <source>Closing…</source>
        <translation>正在关闭…</translation>
    </message>
</context>
<context>
    <name>ColourScale</name>
    <message>
        <source>Blue: nothing for this class · red: strongest evidence for it</source>
        <translation>蓝色：与该类别无关 · 红色：对该类别最有力的依据</translation>
    </message>
</context>
<context>
    <name>ComparisonView</name>
    <message>
        <source>The model to compare with (A); any of this session&apos;s</source>
        <extracomment>Thumbnails are made for this many photos of each list.</extracomment>
        <translation>用来比较的模型（A）；可以是本次会话中的任意模型</translation>
    </message>
    <message>
        <source>The labelled folder (one sub-folder per class) both models are checked on</source>
        <translation>用来检验两个模型的已标注文件夹（每个类别一个子文件夹）</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Check both models on every photo of the folder</source>
        <translation>用文件夹中的每张照片检验两个模型</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Back to results</source>
        <translation>返回结果</translation>
    </message>
    <message>
        <source>compared with &lt;b&gt;A&lt;/b&gt;:</source>
        <translation>与 &lt;b&gt;A&lt;/b&gt; 比较：</translation>
    </message>
    <message>
        <source>on</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>&lt;b&gt;Per class (F1)&lt;/b&gt;</source>
        <translation>&lt;b&gt;各类别（F1）&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>没有模型</translation>
    </message>
    <message>
        <source>&lt;b&gt;B&lt;/b&gt;: {name}</source>
        <translation>&lt;b&gt;B&lt;/b&gt;：{name}</translation>
    </message>
    <message>
        <source>Compare on a folder (one sub-folder per class)</source>
        <translation>在一个文件夹上比较（每个类别一个子文件夹）</translation>
    </message>
    <message>
        <source>comparing two models</source>
        <translation>比较两个模型</translation>
    </message>
    <message>
        <source>Model {i} of 2: %v of %m</source>
        <translation>第 {i} 个模型（共 2 个）：%v / %m</translation>
    </message>
    <message>
        <source>Compare two models</source>
        <translation>比较两个模型</translation>
    </message>
    <message>
        <source>A {a} → B {b}</source>
        <translation>A {a} → B {b}</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>A: {name}</source>
        <translation>A：{name}</translation>
    </message>
    <message>
        <source>B: {name}</source>
        <translation>B：{name}</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像数</translation>
    </message>
    <message>
        <source>F1 of {name}: precision and recall in one number</source>
        <translation>{name} 的 F1：把精确率和召回率合成一个数</translation>
    </message>
    <message>
        <source>Now right ({n})</source>
        <translation>现在对了（{n}）</translation>
    </message>
    <message>
        <source>Now wrong ({n})</source>
        <translation>现在错了（{n}）</translation>
    </message>
    <message>
        <source>Wrong with A, right with B</source>
        <translation>A 判断错误，B 判断正确</translation>
    </message>
    <message>
        <source>Right with A, wrong with B</source>
        <translation>A 判断正确，B 判断错误</translation>
    </message>
    <message>
        <source>Choose another model of this session (A) and a labelled folder, then Compare: both are checked on the same photos.</source>
        <translation>选择本次会话中的另一个模型（A）和一个已标注的文件夹，然后点击“比较”：两个模型会在同样的照片上接受检验。</translation>
    </message>
    <message>
        <source>On the same {n} photos: &lt;b&gt;B&lt;/b&gt; {b} &lt;b&gt;{pb}&lt;/b&gt; · &lt;b&gt;A&lt;/b&gt; {a} &lt;b&gt;{pa}&lt;/b&gt; · {points:+.1f} points · {right} now right, {wrong} now wrong</source>
        <translation>在同样的 {n} 张照片上：&lt;b&gt;B&lt;/b&gt; {b} &lt;b&gt;{pb}&lt;/b&gt; · &lt;b&gt;A&lt;/b&gt; {a} &lt;b&gt;{pa}&lt;/b&gt; · {points:+.1f} 个百分点 · {right} 张现在对了，{wrong} 张现在错了</translation>
    </message>
    <message>
        <source> (stopped early)</source>
        <translation>（提前停止）</translation>
    </message>
    <message>
        <source>Only A knows: {c}.</source>
        <translation>只有 A 认识：{c}。</translation>
    </message>
    <message>
        <source>Only B knows: {c}.</source>
        <translation>只有 B 认识：{c}。</translation>
    </message>
    <message>
        <source>Both models are right and wrong on exactly the same photos.</source>
        <translation>两个模型判断对错的照片完全相同。</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>The labelled folder to compare on</source>
        <translation>用来比较的已标注文件夹</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrix</name>
    <message numerus="yes">
        <source>%n image(s) of {true} recognised correctly</source>
        <translation>
            <numerusform>%n 张 {true} 图像被正确识别</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) of {true} taken for {predicted}</source>
        <translation>
            <numerusform>%n 张 {true} 图像被误认为 {predicted}</numerusform>
        </translation>
    </message>
    <message>
        <source>Predicted class →</source>
        <translation>预测类别 →</translation>
    </message>
    <message>
        <source>← True class</source>
        <translation>← 真实类别</translation>
    </message>
    <message>
        <source>Confusion matrix: rows are true classes, columns predicted</source>
        <translation>混淆矩阵：行为真实类别，列为预测类别</translation>
    </message>
    <message>
        <source>Predicted as {name}</source>
        <translation>预测为 {name}</translation>
    </message>
    <message>
        <source>Truly {name}</source>
        <translation>实际为 {name}</translation>
    </message>
    <message>
        <source> ({share:.0%} of {total})</source>
        <translation>（占 {total} 张中的 {share:.0%}）</translation>
    </message>
    <message>
        <source>
Click to see them</source>
        <translation>
点击查看这些图像</translation>
    </message>
</context>
<context>
    <name>DatasetSummary</name>
    <message>
        <source>Photos to learn from</source>
        <translation>用于学习的照片</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>A folder with one subfolder per class, each full of example photos (for example flowers/roses, flowers/tulips, …). You can also drop the folder here.</source>
        <translation>一个文件夹，每个类别一个子文件夹，里面放该类别的示例照片（例如 flowers/roses、flowers/tulips……）。也可以把文件夹直接拖到这里。</translation>
    </message>
    <message>
        <source>Get the flowers sample…</source>
        <translation>获取花卉样例…</translation>
    </message>
    <message>
        <source>Download 3,670 photos of 5 kinds of flowers to train on (218 MB)</source>
        <translation>下载 5 种花卉共 3670 张照片用于训练（218 MB）</translation>
    </message>
    <message>
        <source>No folder chosen yet: choose one or drop it here.</source>
        <translation>尚未选择文件夹：请选择一个，或拖到这里。</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像数</translation>
    </message>
    <message>
        <source>Skipped file</source>
        <translation>跳过的文件</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Looking through the folder…</source>
        <translation>正在查看文件夹…</translation>
    </message>
    <message>
        <source>{photos} in {classes}.</source>
        <translation>共 {photos}，分属 {classes}。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln photo(s)</source>
        <translation>
            <numerusform>%Ln 张照片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n class(es)</source>
        <translation>
            <numerusform>%n 个类别</numerusform>
        </translation>
    </message>
    <message>
        <source> The folder is already split: {train:,} to learn from, {val:,} to check.</source>
        <translation>该文件夹已划分好：{train:,} 张用于训练，{val:,} 张用于验证。</translation>
    </message>
    <message numerus="yes">
        <source> %n file(s) will be skipped (listed below).</source>
        <translation>
            <numerusform>将跳过 %n 个文件（见下表）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeviceBox</name>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Where the work runs. Automatic uses a graphics card when there is one; with several, all of them can train together.</source>
        <translation>计算在哪里运行。“自动”会在有显卡时使用显卡；有多块显卡时，可以让它们一起训练。</translation>
    </message>
</context>
<context>
    <name>DropArea</name>
    <message>
        <source>Open images…</source>
        <translation>打开图像…</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Open model…</source>
        <translation>打开模型…</translation>
    </message>
    <message>
        <source>Go to Train</source>
        <translation>去训练</translation>
    </message>
    <message>
        <source>Try ImageNet: 1,000 everyday things</source>
        <translation>试试 ImageNet：1000 种常见事物</translation>
    </message>
    <message>
        <source>A network that already knows 1,000 everyday things (dogs, cars, fruit…): drop any photo and see what it thinks. Downloaded once if it is not here yet.</source>
        <translation>一个已经认识 1000 种常见事物（狗、汽车、水果……）的网络：拖入任意照片，看看它认为是什么。如果本机还没有，会下载一次。</translation>
    </message>
    <message>
        <source>Choose photos to classify</source>
        <translation>选择要分类的照片</translation>
    </message>
    <message>
        <source>Classify a picture copied to the clipboard (Ctrl+V)</source>
        <translation>对复制到剪贴板的图片分类（Ctrl+V）</translation>
    </message>
    <message>
        <source>Open a model file (.safetensors or .pth)</source>
        <translation>打开模型文件（.safetensors 或 .pth）</translation>
    </message>
    <message>
        <source>Teach a new model from a folder of your own photos</source>
        <translation>用你自己的照片文件夹训练一个新模型</translation>
    </message>
    <message>
        <source>Getting ready…</source>
        <translation>正在准备…</translation>
    </message>
    <message>
        <source>The classifier engine is starting. You can already drop photos here: they will be classified as soon as a model is ready.</source>
        <translation>分类引擎正在启动。现在就可以把照片拖到这里：模型一就绪就会为它们分类。</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>尚未加载模型</translation>
    </message>
    <message>
        <source>Open a model file, or train one on your own photos in the Train tab. You can also drop a model file (.safetensors or .pth) here.</source>
        <translation>打开一个模型文件，或在“训练”页用你自己的照片训练一个。也可以把模型文件（.safetensors 或 .pth）拖到这里。</translation>
    </message>
    <message>
        <source>Drop photos here</source>
        <translation>把照片拖到这里</translation>
    </message>
    <message>
        <source>Drop pictures or whole folders on this window, open them, or paste a picture with Ctrl+V.</source>
        <translation>把图片或整个文件夹拖到此窗口，或打开它们，或按 Ctrl+V 粘贴图片。</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n 张照片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n folder(s)</source>
        <translation>
            <numerusform>%n 个文件夹</numerusform>
        </translation>
    </message>
    <message>
        <source>{what} waiting to be classified.</source>
        <translation>{what}等待分类。</translation>
    </message>
    <message>
        <source> and </source>
        <translation>和</translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message>
        <source>not installed</source>
        <translation>未安装</translation>
    </message>
    <message numerus="yes">
        <source>CPU ({name}, %n core(s))</source>
        <translation>
            <numerusform>CPU（{name}，%n 核）</numerusform>
        </translation>
    </message>
    <message>
        <source>GPU {number}: {name}</source>
        <translation>GPU {number}：{name}</translation>
    </message>
    <message numerus="yes">
        <source>All %n GPUs together</source>
        <translation>
            <numerusform>全部 %n 块 GPU 一起</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading the engine…</source>
        <translation>正在加载引擎…</translation>
    </message>
    <message>
        <source>Automatic: {device}</source>
        <translation>自动：{device}</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>this network</source>
        <translation>该网络</translation>
    </message>
    <message>
        <source>The ImageNet starting weights for {arch} are not on this computer and could not be downloaded</source>
        <translation>{arch} 的 ImageNet 初始权重不在这台电脑上，也无法下载</translation>
    </message>
    <message>
        <source> ({reason}).</source>
        <translation>（{reason}）。</translation>
    </message>
    <message>
        <source>.</source>
        <translation>。</translation>
    </message>
    <message>
        <source> Use a weights file you have, or let the network start from scratch.</source>
        <translation>请使用你已有的权重文件，或让网络从头开始训练。</translation>
    </message>
    <message>
        <source>That device is not available on this computer. Choose Automatic or CPU under Device in the Train tab&apos;s options.</source>
        <translation>这台电脑上没有该设备。请在“训练”页选项的“设备”中选择“自动”或“CPU”。</translation>
    </message>
    <message>
        <source>it cannot be written</source>
        <translation>无法写入</translation>
    </message>
    <message>
        <source>the file</source>
        <translation>该文件</translation>
    </message>
    <message>
        <source>Could not save {where}: {reason}. Choose another place.</source>
        <translation>无法保存 {where}：{reason}。请换一个位置。</translation>
    </message>
    <message>
        <source>This needs an optional part of FlowerClf that is not installed. Whoever installed FlowerClf can add it with: pip install &apos;flowerclf[{extra}]&apos;</source>
        <translation>这需要 FlowerClf 的一个可选组件，但它尚未安装。安装 FlowerClf 的人可以用以下命令添加：pip install &apos;flowerclf[{extra}]&apos;</translation>
    </message>
    <message>
        <source>the connection failed</source>
        <translation>连接失败</translation>
    </message>
    <message>
        <source>The file could not be downloaded: {reason}.</source>
        <translation>无法下载该文件：{reason}。</translation>
    </message>
    <message>
        <source> What came ({mb:.1f} MB) is kept, and trying again goes on from there.</source>
        <translation>已下载的部分（{mb:.1f} MB）会保留，重试时从那里继续。</translation>
    </message>
    <message>
        <source> Without internet, copy {name} from another computer and choose it with “I already have the archive…”.</source>
        <translation>没有网络时，可以从另一台电脑复制 {name}，再用“我已有压缩包…”选择它。</translation>
    </message>
    <message>
        <source>The file</source>
        <translation>该文件</translation>
    </message>
    <message>
        <source>{name} is not the file expected (its checksum differs: it is damaged or another file), so nothing was unpacked.</source>
        <translation>{name} 不是预期的文件（校验和不符：文件已损坏，或是另一个文件），因此没有解压任何内容。</translation>
    </message>
    <message>
        <source>working</source>
        <extracomment>kinds whose words differ in the app from the core&apos;s own message</extracomment>
        <translation>处理</translation>
    </message>
    <message>
        <source>Something went wrong while {what}: {reason}</source>
        <translation>{what}时出错：{reason}</translation>
    </message>
    <message>
        <source>{name}: {reason}</source>
        <translation>{name}：{reason}</translation>
    </message>
    <message>
        <source>the computer ran out of memory</source>
        <translation>电脑内存不足</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>The folder {path} does not exist.</source>
        <translation>文件夹 {path} 不存在。</translation>
    </message>
    <message>
        <source>The photos need at least two classes (subfolders); this folder has only one: {name}.</source>
        <translation>照片至少需要两个类别（子文件夹）；这个文件夹只有一个：{name}。</translation>
    </message>
    <message>
        <source>These class folders have no usable photo to learn from: {names}.</source>
        <translation>这些类别文件夹中没有可用于训练的照片：{names}。</translation>
    </message>
    <message>
        <source>These class folders have no usable photo to check with: {names}.</source>
        <translation>这些类别文件夹中没有可用于验证的照片：{names}。</translation>
    </message>
    <message>
        <source>These class folders have no usable photo: {names}.</source>
        <translation>这些类别文件夹中没有可用的照片：{names}。</translation>
    </message>
    <message numerus="yes">
        <source>None of the %n image(s) could be read.</source>
        <translation>
            <numerusform>%n 张图像都无法读取。</numerusform>
        </translation>
    </message>
    <message>
        <source>There are no images to use.</source>
        <translation>没有可用的图像。</translation>
    </message>
    <message>
        <source>None of the folder&apos;s classes ({dataset}) is one the model knows ({model}). The subfolders must be named like the model&apos;s classes.</source>
        <translation>文件夹中的类别（{dataset}）没有一个是模型认识的（{model}）。子文件夹的名称必须与模型的类别名一致。</translation>
    </message>
    <message>
        <source>Could not read {name}: {reason}.</source>
        <translation>无法读取 {name}：{reason}。</translation>
    </message>
    <message>
        <source>Could not read the picture: {reason}.</source>
        <translation>无法读取该图片：{reason}。</translation>
    </message>
    <message>
        <source>Could not move {name}: {reason}. Nothing was moved.</source>
        <translation>无法移动 {name}：{reason}。没有移动任何文件。</translation>
    </message>
    <message>
        <source>{name} holds a {detected}, not a {arch}: choose {detected} to use it.</source>
        <translation>{name} 中是 {detected}，不是 {arch}：请选择 {detected} 来使用它。</translation>
    </message>
    <message>
        <source>{name} holds none of the networks FlowerClf knows, so it cannot be a {arch}.</source>
        <translation>{name} 中不是 FlowerClf 认识的任何网络，因此不可能是 {arch}。</translation>
    </message>
    <message>
        <source>The model has no class {which}; its classes are {classes}.</source>
        <translation>模型没有类别 {which}；它的类别是：{classes}。</translation>
    </message>
    <message>
        <source>Training only the last layer takes a moment on one device: choose one device rather than all GPUs together, or fine-tune all layers.</source>
        <translation>只训练最后一层在一个设备上片刻即可完成：请选择一个设备，而不是全部 GPU 一起，或者微调所有层。</translation>
    </message>
    <message>
        <source>With {processes} GPUs together, the batch size must be a multiple of {processes}, so that each takes the same share; {value} cannot work.</source>
        <translation>{processes} 块 GPU 一起训练时，批大小必须是 {processes} 的倍数，这样每块 GPU 分到同样多的照片；{value} 不行。</translation>
    </message>
    <message>
        <source>The {name} must be between {minimum} and {maximum}; {value} cannot work.</source>
        <translation>{name}必须在 {minimum} 到 {maximum} 之间；{value} 不可行。</translation>
    </message>
    <message>
        <source>The {name} must be at least {minimum}; {value} cannot work.</source>
        <translation>{name}至少为 {minimum}；{value} 不可行。</translation>
    </message>
    <message>
        <source>The {name} cannot be {value}.</source>
        <translation>{name}不能是 {value}。</translation>
    </message>
    <message>
        <source>There is no interrupted training to continue.</source>
        <translation>没有可以继续的中断训练。</translation>
    </message>
    <message>
        <source>The interrupted training was saved by a newer FlowerClf; update it first.</source>
        <translation>这次中断的训练由更新版本的 FlowerClf 保存；请先升级 FlowerClf。</translation>
    </message>
    <message>
        <source>The interrupted training in {name} cannot be read.</source>
        <translation>无法读取 {name} 中的中断训练。</translation>
    </message>
    <message numerus="yes">
        <source>The interrupted training cannot go on with these photos and settings: %n setting(s) or file(s) differ.</source>
        <translation>
            <numerusform>中断的训练无法用这些照片和设置继续：有 %n 项设置或文件不同。</numerusform>
        </translation>
    </message>
    <message>
        <source>The ONNX export does not answer as FlowerClf does (largest difference {difference:.6f}), so it was not kept.</source>
        <translation>导出的 ONNX 与 FlowerClf 的结果不一致（最大差异 {difference:.6f}），因此没有保留。</translation>
    </message>
    <message>
        <source>{path} is a file, not a folder: choose the folder of the classes.</source>
        <extracomment>kind -&gt; words; error_words adds its own for the kinds that name the app&apos;s buttons</extracomment>
        <translation>{path} 是文件而不是文件夹：请选择包含各类别的文件夹。</translation>
    </message>
    <message>
        <source>The folder {path} has no class subfolders: put the photos of each class in a subfolder named after the class.</source>
        <translation>文件夹 {path} 中没有类别子文件夹：请把每个类别的照片放进以该类别命名的子文件夹。</translation>
    </message>
    <message>
        <source>No photo is left to learn from once the validation share is set aside: lower the validation share or add photos.</source>
        <translation>留出验证集后已没有照片可供训练：请降低验证集比例或增加照片。</translation>
    </message>
    <message>
        <source>The file {path} does not exist.</source>
        <translation>文件 {path} 不存在。</translation>
    </message>
    <message>
        <source>{path} is a folder; choose a file.</source>
        <translation>{path} 是文件夹；请选择一个文件。</translation>
    </message>
    <message>
        <source>The model file {path} is damaged and cannot be opened.</source>
        <translation>模型文件 {path} 已损坏，无法打开。</translation>
    </message>
    <message>
        <source>{path} was saved by a newer FlowerClf; update FlowerClf to open it.</source>
        <translation>{path} 由更新版本的 FlowerClf 保存；请升级 FlowerClf 后再打开。</translation>
    </message>
    <message>
        <source>{path} is not a FlowerClf model file.</source>
        <translation>{path} 不是 FlowerClf 模型文件。</translation>
    </message>
    <message>
        <source>{path} does not hold plain network weights (or holds code, which is never run).</source>
        <translation>{path} 中不是纯粹的网络权重（或含有代码，而代码绝不会被运行）。</translation>
    </message>
    <message>
        <source>{path} holds weights of no network FlowerClf knows.</source>
        <translation>{path} 中的权重不属于 FlowerClf 认识的任何网络。</translation>
    </message>
    <message>
        <source>The class names file (class_indices.json) is missing beside {path}.</source>
        <translation>{path} 旁边缺少类别名文件（class_indices.json）。</translation>
    </message>
    <message>
        <source>The class names file {path} cannot be used.</source>
        <translation>类别名文件 {path} 无法使用。</translation>
    </message>
    <message>
        <source>The weights in {path} give {outputs} classes, but {class_names_path} names {classes}: they do not belong together.</source>
        <translation>{path} 中的权重输出 {outputs} 个类别，而 {class_names_path} 列出了 {classes} 个：二者不匹配。</translation>
    </message>
    <message>
        <source>FlowerClf does not know the network {arch}.</source>
        <translation>FlowerClf 不认识网络 {arch}。</translation>
    </message>
    <message>
        <source>The downloaded ImageNet weights for {arch} are damaged. Delete {cache_path} to download them again, or let the network start from scratch.</source>
        <translation>已下载的 {arch} ImageNet 权重已损坏。删除 {cache_path} 即可重新下载，或让网络从头开始训练。</translation>
    </message>
    <message>
        <source>FlowerClf does not know the number format {precision}.</source>
        <translation>FlowerClf 不认识数值格式 {precision}。</translation>
    </message>
    <message>
        <source>This device does not offer the number format {precision}: choose Automatic.</source>
        <translation>该设备不支持数值格式 {precision}：请选择“自动”。</translation>
    </message>
    <message>
        <source>Training went numerically wrong (the loss is not a number). Try a smaller learning rate than {lr}.</source>
        <translation>训练出现数值错误（损失不再是一个数）。请尝试比 {lr} 更小的学习率。</translation>
    </message>
    <message>
        <source>The network {arch} has no layer to draw a heat map from.</source>
        <translation>网络 {arch} 没有可以用来绘制热力图的层。</translation>
    </message>
    <message>
        <source>Another of the {processes} training processes stopped answering (it ended, or its computer went away), so this one stopped too.</source>
        <translation>{processes} 个训练进程中的另一个停止了响应（它已结束，或它所在的电脑断开了），所以这个进程也停止了。</translation>
    </message>
    <message>
        <source>Stopped. What came is kept, and trying again goes on from there.</source>
        <translation>已停止。已下载的部分会保留，重试时从那里继续。</translation>
    </message>
    <message>
        <source>{path} holds {member}, which would land outside the folder or is not a plain file, so nothing was unpacked. Get the archive again.</source>
        <translation>{path} 中的 {member} 会被解压到文件夹之外，或者不是普通文件，因此没有解压任何内容。请重新获取这个压缩包。</translation>
    </message>
    <message>
        <source>{path} could not be opened as an archive: it is missing, damaged or not a .tgz file.</source>
        <translation>无法把 {path} 作为压缩包打开：它不存在、已损坏，或不是 .tgz 文件。</translation>
    </message>
    <message>
        <source>An interrupted training ({description}) would be overwritten: resume it, or discard it to start again.</source>
        <translation>一次中断的训练（{description}）将被覆盖：请继续它，或放弃它以重新开始。</translation>
    </message>
</context>
<context>
    <name>FeatureGridView</name>
    <message>
        <source>Feature maps</source>
        <translation>特征图</translation>
    </message>
    <message>
        <source>what the network sees</source>
        <translation>网络看到的内容</translation>
    </message>
    <message>
        <source>#{n}</source>
        <translation>#{n}</translation>
    </message>
</context>
<context>
    <name>HeatMapPanel</name>
    <message>
        <source>Show heat map</source>
        <translation>显示热力图</translation>
    </message>
    <message>
        <source>Colour the parts of the picture that made the model choose its class (Grad-CAM). Click a class in the bars to see where that class was found.</source>
        <translation>为图片中让模型做出判断的部分着色（Grad-CAM）。点击概率条中的某个类别，可查看该类别是在哪里被发现的。</translation>
    </message>
    <message>
        <source>How strongly the heat map covers the picture</source>
        <translation>热力图覆盖图片的浓淡程度</translation>
    </message>
    <message>
        <source>Heat map opacity</source>
        <translation>热力图不透明度</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Open or train a model to see heat maps.</source>
        <translation>打开或训练一个模型后即可查看热力图。</translation>
    </message>
    <message>
        <source>computing the heat map</source>
        <translation>计算热力图</translation>
    </message>
    <message>
        <source>No heat map: {why}</source>
        <translation>没有热力图：{why}</translation>
    </message>
    <message>
        <source>Where the model sees “{label}” (the top class). Click a class in the bars for its map.</source>
        <translation>模型在哪里看到了“{label}”（最可能的类别）。点击概率条中的类别可查看它的热力图。</translation>
    </message>
    <message>
        <source>Where the model sees “{label}”. Click a class in the bars for its map.</source>
        <translation>模型在哪里看到了“{label}”。点击概率条中的类别可查看它的热力图。</translation>
    </message>
    <message>
        <source>Computing the heat map…</source>
        <translation>正在计算热力图…</translation>
    </message>
    <message>
        <source>Choose a picture to see its heat map.</source>
        <translation>选择一张图片以查看它的热力图。</translation>
    </message>
</context>
<context>
    <name>ImageView</name>
    <message>
        <source>Selected picture</source>
        <translation>选中的图片</translation>
    </message>
</context>
<context>
    <name>ImagenetOpener</name>
    <message>
        <source>Downloading the ImageNet model ({name}): {amount}</source>
        <translation>正在下载 ImageNet 模型（{name}）：{amount}</translation>
    </message>
    <message>
        <source>Choose the weights file…</source>
        <translation>选择权重文件…</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>The ImageNet model&apos;s weights file {path} is damaged.</source>
        <translation>ImageNet 模型的权重文件 {path} 已损坏。</translation>
    </message>
    <message>
        <source>no internet connection</source>
        <translation>没有网络连接</translation>
    </message>
    <message>
        <source>The ImageNet model&apos;s weights are not on this computer and could not be downloaded ({reason}).</source>
        <translation>ImageNet 模型的权重不在这台电脑上，也无法下载（{reason}）。</translation>
    </message>
    <message>
        <source> Either copy {name} (from {url}) into the folder {folder} and try again, or choose the file if you have downloaded it.</source>
        <translation>可以把 {name}（来自 {url}）复制到文件夹 {folder} 后重试；如果已经下载了该文件，也可以直接选择它。</translation>
    </message>
    <message>
        <source>The ImageNet weights file</source>
        <translation>ImageNet 权重文件</translation>
    </message>
    <message>
        <source>Weights (*.pth *.pt);;All files (*)</source>
        <translation>权重文件 (*.pth *.pt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>copying the ImageNet weights</source>
        <translation>复制 ImageNet 权重</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <extracomment>the catalogues that exist besides English, the language of the source Qt&apos;s own catalogues, for its dialogs and buttons, when its install has them the person chose another language (&quot;system&quot;, &quot;en&quot; or &quot;zh_CN&quot;); it applies on restart</extracomment>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>中文 (简体)</source>
        <translation>中文 (简体)</translation>
    </message>
    <message>
        <source>The interface will be in Chinese when FlowerClf next starts. FlowerClf 下次启动时将显示中文界面。</source>
        <translation>FlowerClf 下次启动时将显示中文界面。The interface will be in Chinese when FlowerClf next starts.</translation>
    </message>
    <message>
        <source>The interface will be in English when FlowerClf next starts.</source>
        <translation>FlowerClf 下次启动时将显示英文界面。The interface will be in English when FlowerClf next starts.</translation>
    </message>
</context>
<context>
    <name>LiveClassifier</name>
    <message>
        <source>classifying the camera picture</source>
        <extracomment>At most this many classifications a second, so a fast computer is not kept busy for nothing. The moving average forgets a result in about this many seconds. The bars cover most of the way to a new average in about this many seconds.</extracomment>
        <translation>分类摄像头画面</translation>
    </message>
</context>
<context>
    <name>LivePanel</name>
    <message>
        <source>Try ImageNet: 1,000 everyday things</source>
        <translation>试试 ImageNet：1000 种常见事物</translation>
    </message>
    <message>
        <source>Classify the picture with a network that already knows 1,000 everyday things</source>
        <translation>用一个已经认识 1000 种常见事物的网络来分类画面</translation>
    </message>
    <message>
        <source>Opening the model…</source>
        <translation>正在打开模型…</translation>
    </message>
    <message>
        <source>No model yet</source>
        <translation>还没有模型</translation>
    </message>
    <message>
        <source>Open a model or train one, or try a network that already knows 1,000 everyday things.</source>
        <translation>打开或训练一个模型，或者试试一个已经认识 1000 种常见事物的网络。</translation>
    </message>
    <message>
        <source>Waiting for the picture · {model}</source>
        <translation>正在等待画面 · {model}</translation>
    </message>
    <message>
        <source>{p} sure · {model}</source>
        <translation>把握 {p} · {model}</translation>
    </message>
</context>
<context>
    <name>Log</name>
    <message>
        <source>Validating</source>
        <translation>验证中</translation>
    </message>
    <message>
        <source>Computing features</source>
        <translation>计算特征中</translation>
    </message>
    <message>
        <source>Evaluating</source>
        <translation>评估中</translation>
    </message>
    <message>
        <source>Training stopped; the best model so far is kept.</source>
        <translation>训练已停止；目前为止最好的模型已保留。</translation>
    </message>
    <message>
        <source>Training stopped before its first epoch ended.</source>
        <translation>训练在第一轮结束前就停止了。</translation>
    </message>
    <message>
        <source>The computer ran out of memory. Training stopped; the best model so far is kept. A smaller batch size or image size needs less memory.</source>
        <translation>电脑内存不足。训练已停止；目前为止最好的模型已保留。较小的批大小或图像尺寸需要的内存更少。</translation>
    </message>
    <message>
        <source>Converting the network to ONNX…</source>
        <translation>正在把网络转换为 ONNX…</translation>
    </message>
    <message>
        <source>Checking the export on photos…</source>
        <translation>正在用照片检验导出结果…</translation>
    </message>
    <message>
        <source>full precision</source>
        <translation>全精度</translation>
    </message>
    <message>
        <source>fast 16-bit precision</source>
        <translation>快速 16 位精度</translation>
    </message>
    <message>
        <source>Training {0} on {1} in {2}; {3} training and {4} validation images.</source>
        <translation>在 {1} 上以{2}训练 {0}；训练集 {3} 张，验证集 {4} 张图像。</translation>
    </message>
    <message>
        <source>Training {0} in {1} processes together ({2}, {3} images each per step), the first on {4}, in {5}; {6} training and {7} validation images.</source>
        <translation>由 {1} 个进程一起以{5}训练 {0}（{2}，每个进程每步 {3} 张），第一个在 {4} 上；训练集 {6} 张，验证集 {7} 张图像。</translation>
    </message>
    <message>
        <source>Skipped an unreadable image: {0}: {1}</source>
        <translation>跳过了一张无法读取的图像：{0}：{1}</translation>
    </message>
    <message>
        <source>Skipped an unreadable image: {0}</source>
        <translation>跳过了一张无法读取的图像：{0}</translation>
    </message>
    <message>
        <source>The checkpoint could not be written ({0}); training goes on without it.</source>
        <translation>无法写入检查点（{0}）；训练将在没有检查点的情况下继续。</translation>
    </message>
    <message>
        <source>Continuing the interrupted training after epoch {0} of {1}.</source>
        <translation>从第 {0}/{1} 轮之后继续中断的训练。</translation>
    </message>
    <message>
        <source>Out of memory on the {0}: going on with {1} images at a time (the batch stays {2}).</source>
        <translation>{0} 内存不足：改为每次处理 {1} 张图像继续（批大小仍为 {2}）。</translation>
    </message>
    <message>
        <source>Downloading the ImageNet weights for {0}…</source>
        <translation>正在下载 {0} 的 ImageNet 权重…</translation>
    </message>
    <message>
        <source>The photo folder {0} is no longer there (an unplugged drive?). Training stopped; the best model so far is kept.</source>
        <translation>照片文件夹 {0} 已不存在（驱动器被拔出了？）。训练已停止；目前为止最好的模型已保留。</translation>
    </message>
    <message>
        <source>CPU ({0}, {1} cores)</source>
        <translation>CPU（{0}，{1} 核）</translation>
    </message>
</context>
<context>
    <name>LossChart</name>
    <message>
        <source>Loss (lower is better)</source>
        <extracomment>Where a validation loss of exactly 0 is drawn on the log axis.</extracomment>
        <translation>损失（越低越好）</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Validation accuracy (higher is better)</source>
        <translation>验证准确率（越高越好）</translation>
    </message>
    <message>
        <source>accuracy %</source>
        <translation>准确率 %</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>each batch</source>
        <translation>每个批次</translation>
    </message>
    <message>
        <source>smoothed</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Models (*.safetensors *.pth *.pt);;All files (*)</source>
        <translation>模型 (*.safetensors *.pth *.pt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Classify photos with the current model</source>
        <translation>用当前模型为照片分类</translation>
    </message>
    <message>
        <source>Teach a model from a folder of your own photos</source>
        <translation>用你自己的照片文件夹训练模型</translation>
    </message>
    <message>
        <source>How good the model is, and which pictures it gets wrong</source>
        <translation>模型表现如何，以及它认错了哪些图片</translation>
    </message>
    <message>
        <source>Inside the network: stages, blocks, feature maps</source>
        <translation>网络内部：阶段、残差块、特征图</translation>
    </message>
    <message>
        <source>&amp;Open model…</source>
        <translation>打开模型(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;images…</source>
        <translation>打开图像(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Save model as…</source>
        <translation>模型另存为(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Import tutorial model…</source>
        <translation>导入教程模型(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export model…</source>
        <translation>导出模型(&amp;E)…</translation>
    </message>
    <message>
        <source>Export &amp;report…</source>
        <translation>导出报告(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Undo move</source>
        <translation>撤销移动</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About FlowerClf</source>
        <translation>关于 FlowerClf(&amp;A)</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>Save {name}</source>
        <translation>保存 {name}</translation>
    </message>
    <message>
        <source>Models (*.safetensors)</source>
        <translation>模型 (*.safetensors)</translation>
    </message>
    <message>
        <source>There is no model to save yet.</source>
        <translation>还没有可以保存的模型。</translation>
    </message>
    <message>
        <source>Another model is being saved; try again in a moment.</source>
        <translation>另一个模型正在保存；请稍后再试。</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Save elsewhere…</source>
        <translation>保存到别处…</translation>
    </message>
    <message>
        <source>About FlowerClf</source>
        <translation>关于 FlowerClf</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>训练正在进行</translation>
    </message>
    <message>
        <source>Training is still running. Stop it and close FlowerClf?

The best model so far is kept, and you can save it before the app closes.</source>
        <translation>训练仍在进行。要停止训练并关闭 FlowerClf 吗？

目前为止最好的模型会保留下来，你可以在程序关闭前保存它。</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save all in a folder…</source>
        <translation>全部保存到一个文件夹…</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation>关闭且不保存</translation>
    </message>
    <message>
        <source>Models not saved</source>
        <translation>模型尚未保存</translation>
    </message>
    <message>
        <source>These models are not saved and will be lost:

</source>
        <translation>以下模型尚未保存，将会丢失：

</translation>
    </message>
    <message>
        <source>This model is not saved and will be lost:

</source>
        <translation>这个模型尚未保存，将会丢失：

</translation>
    </message>
    <message>
        <source>Save all models in this folder</source>
        <translation>把所有模型保存到此文件夹</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Details…</source>
        <translation>详细信息…</translation>
    </message>
    <message>
        <source>Close this message</source>
        <translation>关闭此消息</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <source>This looks like a bug. The text below helps to fix it; please pass it on.</source>
        <translation>这看起来是一个程序错误。下面的文字有助于修复它，请转告开发者。</translation>
    </message>
</context>
<context>
    <name>ModelDialogs</name>
    <message>
        <source>Import tutorial model: the weights (.pth)</source>
        <translation>导入教程模型：权重文件（.pth）</translation>
    </message>
    <message>
        <source>PyTorch weights (*.pth *.pt);;All files (*)</source>
        <translation>PyTorch 权重 (*.pth *.pt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import tutorial model: the class names (class_indices.json)</source>
        <translation>导入教程模型：类别名文件（class_indices.json）</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>There is no model to export yet.</source>
        <translation>还没有可以导出的模型。</translation>
    </message>
    <message>
        <source>Export for other programs (ONNX)</source>
        <translation>导出供其他程序使用（ONNX）</translation>
    </message>
    <message>
        <source>ONNX (*.onnx)</source>
        <translation>ONNX (*.onnx)</translation>
    </message>
    <message>
        <source>Export tutorial model into folder</source>
        <translation>把教程模型导出到文件夹</translation>
    </message>
    <message>
        <source>Export model</source>
        <translation>导出模型</translation>
    </message>
    <message>
        <source>Export the model for use outside FlowerClf:</source>
        <translation>导出模型，以便在 FlowerClf 之外使用：</translation>
    </message>
    <message>
        <source>For other programs (ONNX)…</source>
        <translation>供其他程序使用（ONNX）…</translation>
    </message>
    <message>
        <source>Tutorial pair (.pth + class_indices.json)…</source>
        <translation>教程格式（.pth + class_indices.json）…</translation>
    </message>
    <message>
        <source>The ONNX file is checked before it is kept: it must give the same answers as FlowerClf. To keep the model for FlowerClf itself, use Save model as…</source>
        <translation>ONNX 文件在保留前会经过检验：它必须给出与 FlowerClf 相同的结果。若要保存模型供 FlowerClf 自己使用，请用“模型另存为…”。</translation>
    </message>
</context>
<context>
    <name>NetworkTab</name>
    <message>
        <source>Choose photo…</source>
        <translation>选择照片…</translation>
    </message>
    <message>
        <source>The photo whose feature maps are shown (otherwise the one selected in Predict)</source>
        <translation>显示其特征图的照片（否则使用“预测”中选中的那张）</translation>
    </message>
    <message>
        <source>Show </source>
        <translation>显示 </translation>
    </message>
    <message>
        <source> channels</source>
        <translation> 个通道</translation>
    </message>
    <message>
        <source>How many of the most active channels are shown</source>
        <translation>显示多少个最活跃的通道</translation>
    </message>
    <message>
        <source>Choose a photo</source>
        <translation>选择照片</translation>
    </message>
    <message>
        <source>measuring the network</source>
        <translation>测量网络</translation>
    </message>
    <message>
        <source>{arch} of the current model, “{name}”: {size}×{size} px in, {n} out</source>
        <translation>当前模型“{name}”的 {arch}：输入 {size}×{size} px，输出 {n}</translation>
    </message>
    <message>
        <source>{arch}, as chosen in the Train tab (no model yet): {size}×{size} px in</source>
        <translation>{arch}，即“训练”页中所选（还没有模型）：输入 {size}×{size} px</translation>
    </message>
    <message numerus="yes">
        <source>%n class(es)</source>
        <translation>
            <numerusform>%n 个类别</numerusform>
        </translation>
    </message>
    <message>
        <source>The stem: one {k}×{k} convolution with stride {s} turns the picture into {c} channels of {h}×{w}.</source>
        <translation>主干入口：一个步幅为 {s} 的 {k}×{k} 卷积，把图片变成 {c} 个 {h}×{w} 的通道。</translation>
    </message>
    <message>
        <source>A {k}×{k} max pool with stride {s} halves the maps to {h}×{w}.</source>
        <translation>一个步幅为 {s} 的 {k}×{k} 最大池化，把特征图减半为 {h}×{w}。</translation>
    </message>
    <message>
        <source>An average over each of the {cin} maps, then a fully connected layer: one output per class ({c}).</source>
        <translation>先对 {cin} 张特征图各取平均，再接一个全连接层：每个类别一个输出（{c}）。</translation>
    </message>
    <message>
        <source>Basic block: two {k}×{k} convolutions of {c} channels, the input added back.</source>
        <translation>基本块：两个 {c} 通道的 {k}×{k} 卷积，再加回输入。</translation>
    </message>
    <message>
        <source>Bottleneck: a 1×1 convolution narrows {cin} channels to {w}, the 3×3 works at that width, and a 1×1 widens it {e:g}× to {c}.</source>
        <translation>瓶颈块：一个 1×1 卷积把 {cin} 个通道收窄到 {w}，3×3 卷积在这个宽度上计算，再由一个 1×1 卷积加宽 {e:g} 倍到 {c}。</translation>
    </message>
    <message>
        <source>ResNeXt: the 3×3 is split into {g} groups (the cardinality) of {gw} channels; each group sees only its own.</source>
        <translation>ResNeXt：3×3 卷积分成 {g} 组（即基数），每组 {gw} 个通道；每组只看自己的通道。</translation>
    </message>
    <message>
        <source>Wide ResNet: its 3×3 is {f:g}× as wide as a plain bottleneck&apos;s ({w}, not {p}).</source>
        <translation>Wide ResNet：它的 3×3 卷积是普通瓶颈块的 {f:g} 倍宽（{w}，而不是 {p}）。</translation>
    </message>
    <message>
        <source>The first of the {n} blocks halves the size (stride {s}) and its shortcut is a 1×1 convolution to {c} channels.</source>
        <translation>{n} 个块中的第一个把尺寸减半（步幅 {s}），它的捷径连接是一个输出 {c} 个通道的 1×1 卷积。</translation>
    </message>
    <message>
        <source>The first of the {n} blocks widens its shortcut to {c} channels with a 1×1 convolution.</source>
        <translation>{n} 个块中的第一个用一个 1×1 卷积把捷径连接加宽到 {c} 个通道。</translation>
    </message>
    <message>
        <source>The last layer gives one number per class: choose another stage.</source>
        <translation>最后一层为每个类别给出一个数：请选择另一个阶段。</translation>
    </message>
    <message>
        <source>Select a photo in the Predict tab, or choose one, to see what {stage} computes for it.</source>
        <translation>在“预测”页中选中一张照片，或在这里选择一张，即可看到 {stage} 为它算出了什么。</translation>
    </message>
    <message>
        <source>computing feature maps</source>
        <translation>计算特征图</translation>
    </message>
    <message>
        <source>{stage}: the {n} most active of its {total} channels, {h}×{w} each</source>
        <translation>{stage}：{total} 个通道中最活跃的 {n} 个，每个 {h}×{w}</translation>
    </message>
    <message>
        <source>No model yet: these are the ImageNet weights of {arch}.</source>
        <translation>还没有模型：这些是 {arch} 的 ImageNet 权重。</translation>
    </message>
    <message>
        <source>No model yet, and no ImageNet weights for {arch} on this computer: the network is untrained, so these maps come from random filters.</source>
        <translation>还没有模型，这台电脑上也没有 {arch} 的 ImageNet 权重：网络未经训练，所以这些特征图来自随机的卷积核。</translation>
    </message>
    <message>
        <source>Measuring the network…</source>
        <translation>正在测量网络…</translation>
    </message>
    <message>
        <source>Computing feature maps…</source>
        <translation>正在计算特征图…</translation>
    </message>
</context>
<context>
    <name>PhotoMover</name>
    <message numerus="yes">
        <source>%n photo(s) excluded</source>
        <translation>
            <numerusform>已排除 %n 张照片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) to {name}</source>
        <translation>
            <numerusform>%n 张照片移到 {name}</numerusform>
        </translation>
    </message>
    <message>
        <source>Undo move</source>
        <translation>撤销移动</translation>
    </message>
    <message>
        <source>Undo move: {what}</source>
        <translation>撤销移动：{what}</translation>
    </message>
</context>
<context>
    <name>PicturePanel</name>
    <message>
        <source>Could not read this file</source>
        <extracomment>With many classes, the bars show this many, most probable first.</extracomment>
        <translation>无法读取此文件</translation>
    </message>
    <message>
        <source>{name}: {reason}</source>
        <translation>{name}：{reason}</translation>
    </message>
    <message>
        <source>{p} sure · {name}</source>
        <translation>置信度 {p} · {name}</translation>
    </message>
    <message>
        <source>Waiting to be classified · {name}</source>
        <translation>等待分类 · {name}</translation>
    </message>
    <message>
        <source>loading the picture</source>
        <translation>加载图片</translation>
    </message>
</context>
<context>
    <name>PredictTab</name>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff);;All files (*)</source>
        <translation>图像 (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff);;所有文件 (*)</translation>
    </message>
    <message>
        <source>No pictures were found in what was dropped.</source>
        <translation>拖入的内容中没有找到图片。</translation>
    </message>
    <message>
        <source>The model that classifies the pictures. Models trained in this session stay here until the app closes.</source>
        <translation>用来为图片分类的模型。本次运行中训练的模型会一直留在这里，直到程序关闭。</translation>
    </message>
    <message>
        <source>Open images…</source>
        <translation>打开图像…</translation>
    </message>
    <message>
        <source>Choose photos to classify (Ctrl+Shift+O)</source>
        <translation>选择要分类的照片（Ctrl+Shift+O）</translation>
    </message>
    <message>
        <source>Paste image</source>
        <translation>粘贴图像</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Save every picture&apos;s top class and all class probabilities as a spreadsheet (CSV)</source>
        <translation>把每张图片的最可能类别和所有类别的概率保存为表格（CSV）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Remove all pictures from the list</source>
        <translation>从列表中移除所有图片</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Classify the camera&apos;s live picture</source>
        <translation>分类摄像头的实时画面</translation>
    </message>
    <message numerus="yes">
        <source>%n class(es): {names}</source>
        <translation>
            <numerusform>%n 个类别：{names}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved %n row(s) to {path}.</source>
        <translation>
            <numerusform>已将 %n 行保存到 {path}。</numerusform>
        </translation>
    </message>
    <message>
        <source>Pasted picture</source>
        <translation>粘贴的图片</translation>
    </message>
    <message>
        <source>The clipboard holds no picture to classify.</source>
        <translation>剪贴板中没有可分类的图片。</translation>
    </message>
    <message>
        <source>Open images</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <source>There are no pictures to export yet.</source>
        <translation>还没有可以导出的图片。</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source> (+{n} waiting)</source>
        <translation>（另有 {n} 个等待中）</translation>
    </message>
    <message>
        <source>Classifying %v of %m</source>
        <translation>正在分类 %v / %m</translation>
    </message>
</context>
<context>
    <name>PredictionList</name>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>预测结果</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>classifying pictures</source>
        <translation>为图片分类</translation>
    </message>
    <message>
        <source>Could not read</source>
        <translation>无法读取</translation>
    </message>
</context>
<context>
    <name>ProbabilityBars</name>
    <message>
        <source>Class probabilities</source>
        <translation>各类别概率</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>the file is empty</source>
        <extracomment>every fixed phrase of the core&apos;s (core.data, core.files) and of the app&apos;s tasks</extracomment>
        <translation>文件是空的</translation>
    </message>
    <message>
        <source>not an image or damaged</source>
        <translation>不是图像，或已损坏</translation>
    </message>
    <message>
        <source>the image file is cut short (truncated)</source>
        <translation>图像文件不完整（被截断）</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>没有这个文件或文件夹</translation>
    </message>
    <message>
        <source>the image is too large to open safely</source>
        <translation>图像太大，无法安全打开</translation>
    </message>
    <message>
        <source>permission denied: the file cannot be read</source>
        <translation>权限不足：无法读取该文件</translation>
    </message>
    <message>
        <source>not enough memory to decode the image</source>
        <translation>内存不足，无法解码该图像</translation>
    </message>
    <message>
        <source>the file does not exist</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>the file cannot be read</source>
        <translation>无法读取该文件</translation>
    </message>
    <message>
        <source>this is a folder, not an image file</source>
        <translation>这是文件夹，不是图像文件</translation>
    </message>
    <message>
        <source>not an image file (no extension)</source>
        <translation>不是图像文件（没有扩展名）</translation>
    </message>
    <message>
        <source>not inside a class folder</source>
        <translation>不在任何类别文件夹中</translation>
    </message>
    <message>
        <source>file not found</source>
        <translation>找不到文件</translation>
    </message>
    <message>
        <source>a file is in the way of the folder</source>
        <translation>有一个文件占用了该文件夹的位置</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>权限不足</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>the folder does not exist</source>
        <translation>文件夹不存在</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>磁盘是只读的</translation>
    </message>
    <message>
        <source>a folder has that name</source>
        <translation>已有同名的文件夹</translation>
    </message>
    <message>
        <source>the name is too long</source>
        <translation>名称太长</translation>
    </message>
    <message>
        <source>the disk reported an error</source>
        <translation>磁盘报告了错误</translation>
    </message>
    <message>
        <source>the disk quota is used up</source>
        <translation>磁盘配额已用完</translation>
    </message>
    <message>
        <source>the system refused to write it</source>
        <translation>系统拒绝写入</translation>
    </message>
    <message>
        <source>the folder does not exist and cannot be made</source>
        <translation>文件夹不存在，且无法创建</translation>
    </message>
    <message>
        <source>a file of that name is already there</source>
        <translation>已有同名文件</translation>
    </message>
    <message>
        <source>the dataset folder cannot be written</source>
        <translation>无法写入数据集文件夹</translation>
    </message>
    <message>
        <source>not in the dataset folder</source>
        <translation>不在数据集文件夹中</translation>
    </message>
    <message>
        <source>the old name is taken by another file</source>
        <translation>原来的名称已被另一个文件占用</translation>
    </message>
    <message>
        <source>not an image file ({0})</source>
        <extracomment>phrases with a name or a number in them: (their shape, the words with {0}, {1}...)</extracomment>
        <translation>不是图像文件（{0}）</translation>
    </message>
    <message>
        <source>the image is too large to open safely (over {0} megapixels)</source>
        <translation>图像太大，无法安全打开（超过 {0} 百万像素）</translation>
    </message>
    <message>
        <source>the folder {0} is a file</source>
        <translation>文件夹 {0} 其实是一个文件</translation>
    </message>
    <message>
        <source>the folder does not exist and cannot be made ({0})</source>
        <translation>文件夹不存在，且无法创建（{0}）</translation>
    </message>
    <message>
        <source>not used: only the {0} and {1} folders are read</source>
        <translation>未使用：只读取 {0} 和 {1} 文件夹</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Models to recover</source>
        <translation>可恢复的模型</translation>
    </message>
    <message>
        <source>These models were trained but not saved when FlowerClf last closed. Restore them to use and save them, or discard them.</source>
        <translation>这些模型在 FlowerClf 上次关闭时已训练完成但尚未保存。恢复它们以便使用和保存，或者放弃它们。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Trained</source>
        <translation>训练时间</translation>
    </message>
    <message>
        <source>They are kept in {folder} ({used} of at most {limit}; the oldest go first).</source>
        <translation>它们保存在 {folder}（已用 {used}，最多 {limit}；最早的会先被删除）。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <source>Keep them for now and ask again at the next start</source>
        <translation>暂时保留，下次启动时再询问</translation>
    </message>
    <message>
        <source>Discard models</source>
        <translation>放弃模型</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n trained model(s) for good? This cannot be undone.</source>
        <translation>
            <numerusform>要永久删除 %n 个已训练的模型吗？此操作无法撤销。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>Architecture</source>
        <translation>网络结构</translation>
    </message>
    <message>
        <source>Starting weights</source>
        <translation>初始权重</translation>
    </message>
    <message>
        <source>Last layer only</source>
        <translation>只训练最后一层</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Validation share</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <source>Image size (pixels)</source>
        <translation>图像尺寸（像素）</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Loader threads</source>
        <translation>加载线程数</translation>
    </message>
    <message>
        <source>Number format</source>
        <translation>数值格式</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Dataset folder</source>
        <translation>数据集文件夹</translation>
    </message>
    <message>
        <source>Training images</source>
        <translation>训练图像</translation>
    </message>
    <message>
        <source>Validation images</source>
        <translation>验证图像</translation>
    </message>
    <message>
        <source>Epochs completed</source>
        <translation>已完成轮数</translation>
    </message>
    <message>
        <source>Best epoch</source>
        <translation>最佳轮次</translation>
    </message>
    <message>
        <source>Best validation accuracy</source>
        <translation>最佳验证准确率</translation>
    </message>
    <message>
        <source>Stopped early</source>
        <translation>提前停止</translation>
    </message>
    <message>
        <source>Imported from</source>
        <translation>导入自</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>训练进程数</translation>
    </message>
    <message>
        <source>Flowerclf version</source>
        <translation>FlowerClf 版本</translation>
    </message>
    <message>
        <source>Recovery name</source>
        <translation>恢复时的名称</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Nothing to draw.</source>
        <translation>没有可绘制的数据。</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>训练步数</translation>
    </message>
    <message>
        <source>training loss (smoothed)</source>
        <translation>训练损失（平滑）</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>No validation accuracy was recorded.</source>
        <translation>没有记录验证准确率。</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>准确率 (%)</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>imagenet</source>
        <translation>ImageNet 预训练权重</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无（从头开始训练）</translation>
    </message>
    <message>
        <source>torchvision&apos;s ImageNet weights ({name})</source>
        <translation>torchvision 的 ImageNet 权重（{name}）</translation>
    </message>
    <message>
        <source>Started from</source>
        <translation>起始模型</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <source>true ↓</source>
        <translation>真实类别 ↓</translation>
    </message>
    <message>
        <source>true {true}, predicted {predicted}: {count} image(s) ({share} of {true})</source>
        <translation>真实类别 {true}，预测为 {predicted}：{count} 张图像（占 {true} 的 {share}）</translation>
    </message>
    <message>
        <source>true {true}, predicted {predicted}: {count} image(s)</source>
        <translation>真实类别 {true}，预测为 {predicted}：{count} 张图像</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>images</source>
        <translation>图像数</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>average over classes</source>
        <translation>各类别平均</translation>
    </message>
    <message>
        <source>picture not found</source>
        <translation>找不到图片</translation>
    </message>
    <message>
        <source>{verdict}: {true}</source>
        <translation>{verdict}：{true}</translation>
    </message>
    <message>
        <source>right but unsure</source>
        <translation>正确但没把握</translation>
    </message>
    <message>
        <source>{verdict}: taken for {predicted}, labelled {true}</source>
        <translation>{verdict}：被误认为 {predicted}，标注为 {true}</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>flowerclf model report</source>
        <translation>FlowerClf 模型报告</translation>
    </message>
    <message>
        <source>accuracy on {n} image(s)</source>
        <translation>{n} 张图像上的准确率</translation>
    </message>
    <message>
        <source>misclassified</source>
        <translation>分类错误</translation>
    </message>
    <message>
        <source>best validation accuracy during training</source>
        <translation>训练中的最佳验证准确率</translation>
    </message>
    <message>
        <source>{n} classes</source>
        <translation>{n} 个类别</translation>
    </message>
    <message>
        <source>{n} unreadable image(s) skipped.</source>
        <translation>跳过了 {n} 张无法读取的图像。</translation>
    </message>
    <message>
        <source>The evaluation was stopped before the end.</source>
        <translation>评估在完成前被停止了。</translation>
    </message>
    <message>
        <source>No evaluation is available for this model.</source>
        <translation>这个模型还没有评估结果。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>No training settings are recorded for this model.</source>
        <translation>这个模型没有记录训练设置。</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>No training history is recorded for this model.</source>
        <translation>这个模型没有记录训练过程。</translation>
    </message>
    <message>
        <source>Rows: the true class. Columns: the class the model chose. Right answers lie on the diagonal.</source>
        <translation>行：真实类别。列：模型选择的类别。正确的答案位于对角线上。</translation>
    </message>
    <message>
        <source>Worst first: confident mistakes, then right answers the model was unsure about. Often a mislabelled or unusual picture.</source>
        <translation>最差的排在前面：先是很有把握的错误，然后是模型没把握的正确答案。常常是标注错误或不寻常的图片。</translation>
    </message>
    <message>
        <source>Nothing to review: every image was classified surely.</source>
        <translation>没有需要复查的图像：每张图像都分类得很有把握。</translation>
    </message>
    <message>
        <source>No evaluation is available.</source>
        <translation>没有评估结果。</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>Training settings</source>
        <translation>训练设置</translation>
    </message>
    <message>
        <source>Loss and accuracy</source>
        <translation>损失与准确率</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>Per-class metrics</source>
        <translation>各类别指标</translation>
    </message>
    <message>
        <source>Images to review</source>
        <translation>待复查的图像</translation>
    </message>
    <message>
        <source>Written by flowerclf on {date}</source>
        <translation>由 FlowerClf 于 {date} 生成</translation>
    </message>
    <message>
        <source>F1 A</source>
        <translation>A 的 F1</translation>
    </message>
    <message>
        <source>F1 B</source>
        <translation>B 的 F1</translation>
    </message>
    <message>
        <source>change (points)</source>
        <translation>变化（百分点）</translation>
    </message>
    <message>
        <source>labelled {true}</source>
        <translation>标注为 {true}</translation>
    </message>
    <message>
        <source>{title}: none</source>
        <translation>{title}：无</translation>
    </message>
    <message>
        <source>… and {n} more.</source>
        <translation>……另有 {n} 张。</translation>
    </message>
    <message>
        <source>{title} ({n})</source>
        <translation>{title}（{n}）</translation>
    </message>
    <message>
        <source>points</source>
        <translation>百分点</translation>
    </message>
    <message>
        <source>Both models on the same {n} image(s).</source>
        <translation>两个模型在同样的 {n} 张图像上。</translation>
    </message>
    <message>
        <source>Only A knows: {names}.</source>
        <translation>只有 A 认识：{names}。</translation>
    </message>
    <message>
        <source>Only B knows: {names}.</source>
        <translation>只有 B 认识：{names}。</translation>
    </message>
    <message>
        <source>Both models are right and wrong on exactly the same images.</source>
        <translation>两个模型在完全相同的图像上正确和出错。</translation>
    </message>
    <message>
        <source>Now right (wrong with A, right with B)</source>
        <translation>现在对了（A 错，B 对）</translation>
    </message>
    <message>
        <source>Now wrong (right with A, wrong with B)</source>
        <translation>现在错了（A 对，B 错）</translation>
    </message>
    <message>
        <source>Compared with another model</source>
        <translation>与另一个模型比较</translation>
    </message>
    <message>
        <source>all kept</source>
        <translation>全部保留</translation>
    </message>
    <message>
        <source>new: {names}</source>
        <translation>新增：{names}</translation>
    </message>
    <message>
        <source>dropped: {names}</source>
        <translation>舍弃：{names}</translation>
    </message>
</context>
<context>
    <name>ResultImages</name>
    <message>
        <source>Open in Predict</source>
        <extracomment>Thumbnails are made for this many rows of the review list (the worst ones); the rest show their names only, so a big folder costs no more than this.</extracomment>
        <translation>在“预测”页中打开</translation>
    </message>
    <message>
        <source>Classify the selected image in the Predict tab</source>
        <translation>在“预测”页中为选中的图像分类</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <source>Open the folder that holds the selected image</source>
        <translation>打开选中图像所在的文件夹</translation>
    </message>
    <message>
        <source>Images to review</source>
        <translation>待复查的图像</translation>
    </message>
    <message>
        <source>Images of the cell</source>
        <translation>该单元格的图像</translation>
    </message>
    <message>
        <source>Every image, ranked: confident mistakes first, then right answers the model was unsure of. Often these are mislabelled or odd photos.</source>
        <translation>所有图像按顺序排列：先是模型很有把握却判错的，然后是判对但没有把握的。这些往往是标错或不寻常的照片。</translation>
    </message>
    <message>
        <source>Click a cell of the confusion matrix to see its images here.</source>
        <translation>点击混淆矩阵中的单元格，在这里查看其中的图像。</translation>
    </message>
    <message>
        <source>The model file keeps the {n} worst images, so a cell may list fewer images than it counts.</source>
        <translation>模型文件只保留最差的 {n} 张图像，因此单元格列出的图像可能少于它的计数。</translation>
    </message>
    <message>
        <source>Double-click an image to classify it in Predict.</source>
        <translation>双击图像可在“预测”页中为它分类。</translation>
    </message>
    <message>
        <source> (the model file keeps {n} of them)</source>
        <translation>（模型文件保留了其中 {n} 张）</translation>
    </message>
    <message>
        <source>. Double-click one to classify it in Predict.</source>
        <translation>。双击其中一张可在“预测”页中为它分类。</translation>
    </message>
    <message>
        <source>{name} is not in a class folder.</source>
        <translation>{name} 不在任何类别文件夹中。</translation>
    </message>
    <message>
        <source>excluded</source>
        <translation>已排除</translation>
    </message>
    <message>
        <source>moved to {name}</source>
        <translation>已移到 {name}</translation>
    </message>
    <message>
        <source>{name}: file not found ({path}).</source>
        <translation>{name}：找不到文件（{path}）。</translation>
    </message>
    <message>
        <source>The folder {folder} no longer exists.</source>
        <translation>文件夹 {folder} 已不存在。</translation>
    </message>
    <message>
        <source>Could not open the folder {folder}.</source>
        <translation>无法打开文件夹 {folder}。</translation>
    </message>
</context>
<context>
    <name>Results</name>
    <message>
        <source>Open or train a model to see how well it does: which classes it confuses, and which pictures it gets wrong.</source>
        <translation>打开或训练一个模型，看看它表现如何：它混淆了哪些类别，又认错了哪些图片。</translation>
    </message>
    <message>
        <source>This model has not been evaluated yet.

Click “Evaluate on a folder…” and choose a folder of labelled photos (one sub-folder per class) to see where it goes wrong.</source>
        <translation>这个模型还没有评估过。

点击“在文件夹上评估…”，选择一个已标注的照片文件夹（每个类别一个子文件夹），看看它错在哪里。</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read and were left out: {names}</source>
        <translation>
            <numerusform>%n 个文件无法读取，已略过：{names}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultsTab</name>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop evaluating; the images done so far are shown</source>
        <translation>停止评估；显示已完成的图像</translation>
    </message>
    <message>
        <source>Evaluate on a folder…</source>
        <translation>在文件夹上评估…</translation>
    </message>
    <message>
        <source>Check the model on a folder of labelled photos, one subfolder per class</source>
        <translation>在一个已标注的照片文件夹上检验模型，每个类别一个子文件夹</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <source>Save an HTML page with the settings, curves, confusion matrix, per-class scores and the images to review</source>
        <translation>保存一个 HTML 页面，包含设置、曲线、混淆矩阵、各类别得分和待复查的图像</translation>
    </message>
    <message>
        <source>Compare…</source>
        <translation>比较…</translation>
    </message>
    <message>
        <source>Set the current model beside another of yours</source>
        <translation>把当前模型与你的另一个模型并排比较</translation>
    </message>
    <message>
        <source>&lt;b&gt;Confusion matrix&lt;/b&gt;</source>
        <translation>&lt;b&gt;混淆矩阵&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Green: right · red: taken for another class. Click a cell to see its images.</source>
        <translation>绿色：正确 · 红色：被误认为其他类别。点击单元格可查看其中的图像。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Per class&lt;/b&gt;</source>
        <translation>&lt;b&gt;各类别&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Average of the classes</source>
        <translation>各类别平均</translation>
    </message>
    <message>
        <source>Evaluate on a folder (one sub-folder per class)</source>
        <translation>在文件夹上评估（每个类别一个子文件夹）</translation>
    </message>
    <message>
        <source>evaluating on {folder}</source>
        <translation>在 {folder} 上评估</translation>
    </message>
    <message>
        <source>Looking through the folder…</source>
        <translation>正在查看文件夹…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source> · {s} s left</source>
        <translation> · 还剩 {s} 秒</translation>
    </message>
    <message>
        <source>Evaluating %v of %m</source>
        <translation>正在评估 %v / %m</translation>
    </message>
    <message>
        <source>Stopped before any image was evaluated.</source>
        <translation>在评估任何图像之前就停止了。</translation>
    </message>
    <message numerus="yes">
        <source>all %n image(s) in {folder}</source>
        <translation>
            <numerusform>{folder} 中的全部 %n 张图像</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the first %n image(s) in {folder} (stopped early)</source>
        <translation>
            <numerusform>{folder} 中的前 %n 张图像（提前停止）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{right} of %n image(s) right, {mistakes}, on {source}</source>
        <translation>
            <numerusform>%n 张图像中 {right} 张正确，{mistakes}，评估数据：{source}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mistake(s)</source>
        <translation>
            <numerusform>%n 处错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable file(s) left out</source>
        <translation>
            <numerusform>略过了 %n 个无法读取的文件</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no model to report on yet.</source>
        <translation>还没有可以生成报告的模型。</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>网页 (*.html)</translation>
    </message>
    <message>
        <source>writing the report</source>
        <translation>写入报告</translation>
    </message>
    <message>
        <source>Saved the report to {path}.</source>
        <translation>报告已保存到 {path}。</translation>
    </message>
    <message>
        <source>Accuracy {p}</source>
        <translation>准确率 {p}</translation>
    </message>
</context>
<context>
    <name>ResumeOffer</name>
    <message>
        <source> ({n} more after this one)</source>
        <translation>（之后还有 {n} 个）</translation>
    </message>
    <message>
        <source>A training stopped before its last epoch: {what}.</source>
        <translation>有一次训练在最后一轮之前停止了：{what}。</translation>
    </message>
    <message>
        <source>Resume training</source>
        <translation>继续训练</translation>
    </message>
    <message>
        <source>Discard it</source>
        <translation>放弃它</translation>
    </message>
</context>
<context>
    <name>ReviewList</name>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>True class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Rank: the worst first</source>
        <translation>排名：最差的在前</translation>
    </message>
    <message>
        <source>How sure the model was of the class it predicted</source>
        <translation>模型对其预测类别的把握程度</translation>
    </message>
    <message>
        <source>{path}
Double-click to open it in Predict</source>
        <translation>{path}
双击可在“预测”页中打开</translation>
    </message>
    <message>
        <source>right, but unsure</source>
        <translation>正确但没把握</translation>
    </message>
    <message>
        <source>right</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>mistake</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>SampleDownload</name>
    <message>
        <source>downloading the flowers sample</source>
        <translation>下载花卉样例</translation>
    </message>
    <message>
        <source>unpacking the flowers sample</source>
        <translation>解压花卉样例</translation>
    </message>
</context>
<context>
    <name>SampleFlow</name>
    <message>
        <source>Get the &amp;flowers sample…</source>
        <translation>获取花卉样例(&amp;F)…</translation>
    </message>
    <message>
        <source>Download 3,670 photos of 5 kinds of flowers to train on (218 MB)</source>
        <translation>下载 5 种花卉共 3670 张照片用于训练（218 MB）</translation>
    </message>
    <message>
        <source>I already have the flowers &amp;archive…</source>
        <translation>我已有花卉压缩包(&amp;A)…</translation>
    </message>
    <message>
        <source>Get the flowers sample</source>
        <translation>获取花卉样例</translation>
    </message>
    <message>
        <source>Download the flowers sample: 3,670 photos of daisies, dandelions, roses, sunflowers and tulips (218 MB), to train a model on.</source>
        <translation>下载花卉样例：雏菊、蒲公英、玫瑰、向日葵和郁金香共 3670 张照片（218 MB），可用来训练模型。</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Choose another folder…</source>
        <translation>选择其他文件夹…</translation>
    </message>
    <message>
        <source>I already have the archive…</source>
        <translation>我已有压缩包…</translation>
    </message>
    <message>
        <source>It will be put in {folder}.</source>
        <translation>它将放在 {folder}。</translation>
    </message>
    <message>
        <source>Where should the flowers sample go?</source>
        <translation>花卉样例要放在哪里？</translation>
    </message>
    <message>
        <source>The flowers archive (flower_photos.tgz)</source>
        <translation>花卉压缩包 (flower_photos.tgz)</translation>
    </message>
    <message>
        <source>Archives (*.tgz *.tar.gz *.tar);;All files (*)</source>
        <translation>压缩包 (*.tgz *.tar.gz *.tar);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The download was cancelled. What came is kept: getting the sample again goes on from there.</source>
        <translation>下载已取消。已下载的部分会保留：再次获取样例时会从那里继续。</translation>
    </message>
    <message>
        <source>Go on</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>The flowers sample was already in {folder}.</source>
        <translation>花卉样例已经在 {folder} 中。</translation>
    </message>
    <message>
        <source>The flowers sample is ready in {folder}. Press Start training.</source>
        <translation>花卉样例已在 {folder} 中准备好。请按“开始训练”。</translation>
    </message>
    <message>
        <source>Choose another archive…</source>
        <translation>选择其他压缩包…</translation>
    </message>
    <message>
        <source>Download it instead…</source>
        <translation>改为下载…</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
</context>
<context>
    <name>SampleProgress</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the download; what came is kept, and getting the sample again goes on</source>
        <translation>停止下载；已下载的部分会保留，再次获取样例时会继续</translation>
    </message>
    <message>
        <source>Getting the flowers sample…</source>
        <translation>正在获取花卉样例…</translation>
    </message>
    <message>
        <source>Unpacking the flowers sample: {done:,} of {total:,} files</source>
        <translation>正在解压花卉样例：{done:,} / {total:,} 个文件</translation>
    </message>
    <message>
        <source>Checking the archive…</source>
        <translation>正在检查压缩包…</translation>
    </message>
    <message>
        <source>Downloading the flowers sample: {amount}</source>
        <translation>正在下载花卉样例：{amount}</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>{name} (not saved)</source>
        <translation>{name}（未保存）</translation>
    </message>
    <message>
        <source>loading the engine</source>
        <translation>加载引擎</translation>
    </message>
    <message>
        <source>opening {name}</source>
        <translation>打开 {name}</translation>
    </message>
    <message>
        <source>opening the ImageNet model</source>
        <translation>打开 ImageNet 模型</translation>
    </message>
    <message>
        <source>{name} (imported)</source>
        <translation>{name}（已导入）</translation>
    </message>
    <message>
        <source>importing {name}</source>
        <translation>导入 {name}</translation>
    </message>
    <message>
        <source>{arch} trained {time}</source>
        <translation>{arch} 训练于 {time}</translation>
    </message>
    <message numerus="yes">
        <source>the %n validation image(s) of the training run</source>
        <translation>
            <numerusform>本次训练的 %n 张验证集图像</numerusform>
        </translation>
    </message>
    <message>
        <source>saving {name}</source>
        <translation>保存 {name}</translation>
    </message>
    <message>
        <source>exporting the model</source>
        <translation>导出模型</translation>
    </message>
    <message>
        <source>Exported {first} and {second}.</source>
        <translation>已导出 {first} 和 {second}。</translation>
    </message>
    <message numerus="yes">
        <source>Exported {path} (and {client} beside it to use it). Checked on %n photo(s): same answers; largest difference {d:.5f}.</source>
        <translation>
            <numerusform>已导出 {path}（旁边附有使用它的 {client}）。已用 %n 张照片检验：结果一致；最大差异 {d:.5f}。</numerusform>
        </translation>
    </message>
    <message>
        <source>keeping the new model safe</source>
        <translation>妥善保存新模型</translation>
    </message>
    <message>
        <source>looking for models to recover</source>
        <translation>查找可恢复的模型</translation>
    </message>
    <message>
        <source>restoring {name}</source>
        <translation>恢复 {name}</translation>
    </message>
    <message>
        <source>its validation images (stored in the model)</source>
        <translation>它的验证集图像（保存在模型中）</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>architecture</source>
        <extracomment>what each training setting is called in a sentence (the core&apos;s FIELD_LABELS, in words)</extracomment>
        <translation>网络结构</translation>
    </message>
    <message>
        <source>starting weights</source>
        <translation>初始权重</translation>
    </message>
    <message>
        <source>last-layer-only setting</source>
        <translation>“只训练最后一层”设置</translation>
    </message>
    <message>
        <source>number of epochs</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <source>batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>validation share</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <source>image size</source>
        <translation>图像尺寸</translation>
    </message>
    <message>
        <source>device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>number of workers</source>
        <translation>工作进程数</translation>
    </message>
    <message>
        <source>number format</source>
        <translation>数值格式</translation>
    </message>
</context>
<context>
    <name>StageTable</name>
    <message>
        <source>basic block</source>
        <translation>基本块</translation>
    </message>
    <message>
        <source>bottleneck</source>
        <translation>瓶颈块</translation>
    </message>
    <message>
        <source>grouped bottleneck, {c}×{w}</source>
        <translation>分组瓶颈块，{c}×{w}</translation>
    </message>
    <message>
        <source>wide bottleneck, ×{f:g}</source>
        <translation>加宽瓶颈块，×{f:g}</translation>
    </message>
    <message>
        <source>{k}×{k} conv, stride {s}</source>
        <translation>{k}×{k} 卷积，步幅 {s}</translation>
    </message>
    <message>
        <source>{k}×{k} max pool, stride {s}</source>
        <translation>{k}×{k} 最大池化，步幅 {s}</translation>
    </message>
    <message>
        <source>average pool, fc</source>
        <translation>平均池化，全连接层</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Output size</source>
        <translation>输出尺寸</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>块</translation>
    </message>
    <message>
        <source>Blocks</source>
        <translation>块数</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>通道数</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Multiply-adds</source>
        <translation>乘加次数</translation>
    </message>
    <message>
        <source>Stage table</source>
        <translation>阶段表</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <source>Training…</source>
        <extracomment>What the status bar says while a slot is busy, most telling first.</extracomment>
        <translation>正在训练…</translation>
    </message>
    <message>
        <source>Saving the model…</source>
        <translation>正在保存模型…</translation>
    </message>
    <message>
        <source>Loading the engine…</source>
        <translation>正在加载引擎…</translation>
    </message>
    <message>
        <source>Opening the model…</source>
        <translation>正在打开模型…</translation>
    </message>
    <message>
        <source>Keeping the new model safe…</source>
        <translation>正在妥善保存新模型…</translation>
    </message>
    <message>
        <source>Exporting the model…</source>
        <translation>正在导出模型…</translation>
    </message>
    <message>
        <source>Evaluating…</source>
        <translation>正在评估…</translation>
    </message>
    <message>
        <source>Classifying…</source>
        <translation>正在分类…</translation>
    </message>
    <message>
        <source>Getting the flowers sample…</source>
        <translation>正在获取花卉样例…</translation>
    </message>
    <message>
        <source>Copying the ImageNet weights…</source>
        <translation>正在复制 ImageNet 权重…</translation>
    </message>
    <message>
        <source>Device: …</source>
        <extracomment>Slots busy on and off many times a second that show their own activity (the camera&apos;s).</extracomment>
        <translation>设备：…</translation>
    </message>
    <message>
        <source>Where the network runs</source>
        <translation>网络在哪里运行</translation>
    </message>
    <message>
        <source>Device: {d}</source>
        <translation>设备：{d}</translation>
    </message>
    <message>
        <source>Model: </source>
        <translation>模型：</translation>
    </message>
    <message numerus="yes">
        <source>%n class(es): {names}</source>
        <translation>
            <numerusform>%n 个类别：{names}</numerusform>
        </translation>
    </message>
    <message>
        <source>Model: none</source>
        <translation>模型：无</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
</context>
<context>
    <name>ThumbnailLoader</name>
    <message>
        <source>making thumbnails</source>
        <translation>生成缩略图</translation>
    </message>
</context>
<context>
    <name>TrainOptions</name>
    <message>
        <source>Smallest and fastest: good for quick tries and slow computers.</source>
        <translation>最小最快：适合快速尝试和较慢的电脑。</translation>
    </message>
    <message>
        <source>The default: a good balance of accuracy and speed.</source>
        <translation>默认选择：准确率与速度兼顾。</translation>
    </message>
    <message>
        <source>A little more accurate than resnet34, slower to train and needs more memory.</source>
        <translation>比 resnet34 略准，训练更慢，需要更多内存。</translation>
    </message>
    <message>
        <source>Deeper and more accurate; about twice as slow as resnet50.</source>
        <translation>更深、更准；速度约为 resnet50 的一半。</translation>
    </message>
    <message>
        <source>The deepest plain ResNet: accurate but slow; best with a GPU.</source>
        <translation>最深的普通 ResNet：准确但慢；最好配合 GPU 使用。</translation>
    </message>
    <message>
        <source>A resnet50 with grouped convolutions: more accurate at about the same cost.</source>
        <translation>采用分组卷积的 resnet50：计算量相近，准确率更高。</translation>
    </message>
    <message>
        <source>Large and accurate; very slow without a GPU.</source>
        <translation>大而准确；没有 GPU 时非常慢。</translation>
    </message>
    <message>
        <source>A wider resnet50: accurate, but large and slow without a GPU.</source>
        <translation>更宽的 resnet50：准确，但体积大，没有 GPU 时很慢。</translation>
    </message>
    <message>
        <source>Options</source>
        <extracomment>The weights choice that starts from the session&apos;s current model. The TrainingConfig fields this form shows (and remembers between runs).</extracomment>
        <translation>选项</translation>
    </message>
    <message>
        <source>The kind of network. Bigger networks can be more accurate but train and answer more slowly. resnet18 and resnet34 are good first choices.</source>
        <translation>网络的种类。更大的网络可能更准确，但训练和推理都更慢。resnet18 和 resnet34 是不错的首选。</translation>
    </message>
    <message>
        <source>{name}  ({params:.1f} M parameters)</source>
        <translation>{name}（{params:.1f}M 参数）</translation>
    </message>
    <message>
        <source>ImageNet (recommended)</source>
        <translation>ImageNet（推荐）</translation>
    </message>
    <message>
        <source>None: start from scratch</source>
        <translation>无：从头开始训练</translation>
    </message>
    <message>
        <source>Models and PyTorch weights (*.safetensors *.pth *.pt);;All files (*)</source>
        <translation>模型和 PyTorch 权重 (*.safetensors *.pth *.pt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>From a model or weights file…</source>
        <translation>从模型或权重文件…</translation>
    </message>
    <message>
        <source>What the network already knows before it sees your photos. Starting from ImageNet (a million everyday photos) needs far fewer photos of your own; from scratch needs many more photos and epochs. Starting from a model of yours continues it: its classes keep what they learnt, new classes are added.</source>
        <translation>网络在看到你的照片之前已经掌握的知识。从 ImageNet（一百万张日常照片）开始，需要的自有照片要少得多；从零开始则需要多得多的照片和轮数。从你自己的模型开始会接着训练它：原有类别保留已学到的内容，新类别会被加入。</translation>
    </message>
    <message>
        <source>Fine-tune all layers</source>
        <translation>微调所有层</translation>
    </message>
    <message>
        <source>Train the last layer only (faster)</source>
        <translation>只训练最后一层（更快）</translation>
    </message>
    <message>
        <source>Fine-tuning all layers usually gives the best accuracy. Training only the last layer is quicker and works well when your photos look like everyday photos.</source>
        <translation>微调所有层通常能得到最高的准确率。只训练最后一层更快，在你的照片与日常照片相似时效果也不错。</translation>
    </message>
    <message>
        <source>How many times the network looks at every training photo. More epochs take longer and can help, up to a point.</source>
        <translation>网络把每张训练照片看多少遍。轮数越多耗时越长，在一定范围内会有帮助。</translation>
    </message>
    <message>
        <source>How many photos the network looks at together before it adjusts itself. Lower it if the computer runs out of memory.</source>
        <translation>网络每次调整自身之前一起看的照片数。如果电脑内存不足，请调小它。</translation>
    </message>
    <message>
        <source>How big each adjustment is. Too big and learning goes wild; too small and it crawls. 0.0001 suits fine-tuning.</source>
        <translation>每次调整的幅度。太大会使学习失控，太小则进展缓慢。0.0001 适合微调。</translation>
    </message>
    <message>
        <source>Photos are resized to this many pixels square. 224 is what these networks were made for; smaller is faster but sees less detail.</source>
        <translation>照片会缩放成这个边长（像素）的正方形。这些网络是为 224 设计的；更小会更快，但看到的细节更少。</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>The share of photos kept aside to check the network on photos it has not learnt from. That check picks the best epoch.</source>
        <translation>留出的照片比例，用来在网络没学过的照片上检验它。最好的一轮由这项检验选出。</translation>
    </message>
    <message>
        <source>A network that starts from scratch knows nothing yet: training only its last layer learns little. Fine-tune all layers, or start from ImageNet.</source>
        <translation>从头开始的网络还什么都不知道：只训练最后一层学不到多少东西。请微调所有层，或从 ImageNet 开始。</translation>
    </message>
    <message>
        <source>Restore defaults</source>
        <translation>恢复默认</translation>
    </message>
    <message>
        <source>Back to the recommended settings</source>
        <translation>恢复为推荐设置</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Starting weights</source>
        <translation>初始权重</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Image size</source>
        <translation>图像尺寸</translation>
    </message>
    <message>
        <source>Validation share</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Start from: this model ({name})</source>
        <translation>起点：这个模型（{name}）</translation>
    </message>
    <message>
        <source>Continue training {name}: its classes keep what they learnt, new classes are added, and classes no longer in the folder are dropped. Uses its network ({arch}) and image size ({size} px).</source>
        <translation>继续训练 {name}：原有类别保留已学到的内容，新类别会被加入，文件夹中已没有的类别会被去掉。沿用它的网络（{arch}）和图像尺寸（{size} px）。</translation>
    </message>
    <message>
        <source>File: {name}</source>
        <translation>文件：{name}</translation>
    </message>
</context>
<context>
    <name>TrainTab</name>
    <message>
        <source>&amp;Start training</source>
        <translation>开始训练(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top training</source>
        <translation>停止训练(&amp;T)</translation>
    </message>
    <message>
        <source>Start training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <source>Start training with these options (F5)</source>
        <translation>用这些选项开始训练（F5）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop after the current batch and keep the best model so far (Shift+F5)</source>
        <translation>在当前批次之后停止，并保留目前最好的模型（Shift+F5）</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>尚未开始</translation>
    </message>
    <message>
        <source>What happens during training is written here.</source>
        <translation>训练过程中发生的事会记录在这里。</translation>
    </message>
    <message>
        <source>Folder of labelled photos</source>
        <translation>已标注的照片文件夹</translation>
    </message>
    <message>
        <source>Drop a folder here: one subfolder per class, each with example photos.</source>
        <translation>把文件夹拖到这里：每个类别一个子文件夹，里面放示例照片。</translation>
    </message>
    <message>
        <source>Wait a moment: the folder is still being looked through.</source>
        <translation>请稍候：仍在查看该文件夹。</translation>
    </message>
    <message>
        <source>Choose a folder of photos first: one subfolder per class.</source>
        <translation>请先选择一个照片文件夹：每个类别一个子文件夹。</translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation>将在当前批次之后停止…</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>out of memory: {n} at a time</source>
        <translation>内存不足：每次 {n} 张</translation>
    </message>
    <message>
        <source>Downloaded {name} ({size}).</source>
        <translation>已下载 {name}（{size}）。</translation>
    </message>
    <message>
        <source>Training {verb} after {t}: {best}.</source>
        <translation>训练{verb}，用时 {t}：{best}。</translation>
    </message>
    <message>
        <source>Training {verb} · {best}</source>
        <translation>训练{verb} · {best}</translation>
    </message>
    <message>
        <source>Save model as…</source>
        <translation>模型另存为…</translation>
    </message>
    <message>
        <source>Try it in Predict</source>
        <translation>在“预测”页中试试</translation>
    </message>
    <message>
        <source>Continue training</source>
        <translation>继续训练</translation>
    </message>
    <message>
        <source>Training did not finish</source>
        <translation>训练没有完成</translation>
    </message>
    <message>
        <source>Starting weights not available</source>
        <translation>没有可用的初始权重</translation>
    </message>
    <message>
        <source>The ImageNet starting weights for {arch} are not on this computer and could not be downloaded.</source>
        <translation>{arch} 的 ImageNet 初始权重不在这台电脑上，也无法下载。</translation>
    </message>
    <message>
        <source>Choose a weights file…</source>
        <translation>选择权重文件…</translation>
    </message>
    <message>
        <source>Train from scratch</source>
        <translation>从头开始训练</translation>
    </message>
    <message>
        <source>You can choose a weights file you already have, or let the network start from scratch (it then needs more photos and more epochs to learn well).</source>
        <translation>你可以选择一个已有的权重文件，或让网络从头开始（那样需要更多照片和更多轮次才能学好）。</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
</context>
<context>
    <name>Training</name>
    <message>
        <source>{h} h {m:02d} min</source>
        <translation>{h} 小时 {m:02d} 分</translation>
    </message>
    <message>
        <source>{m} min {s:02d} s</source>
        <translation>{m} 分 {s:02d} 秒</translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation>{s} 秒</translation>
    </message>
    <message>
        <source>{mb:.1f} MB</source>
        <translation>{mb:.1f} MB</translation>
    </message>
    <message>
        <source>ImageNet</source>
        <translation>ImageNet</translation>
    </message>
    <message>
        <source>none (from scratch)</source>
        <translation>无（从头开始）</translation>
    </message>
    <message>
        <source>last layer only</source>
        <translation>只训练最后一层</translation>
    </message>
    <message>
        <source>all layers</source>
        <translation>所有层</translation>
    </message>
    <message>
        <source>Training {arch} ({mode}) on {folder}: {epochs} epochs, batch size {batch}, learning rate {lr:g}, image size {size} px, starting weights {weights}.</source>
        <translation>在 {folder} 上训练 {arch}（{mode}）：{epochs} 轮，批大小 {batch}，学习率 {lr:g}，图像尺寸 {size} 像素，初始权重 {weights}。</translation>
    </message>
    <message>
        <source>about {t} left</source>
        <translation>约剩 {t}</translation>
    </message>
    <message>
        <source>estimating time left…</source>
        <translation>正在估算剩余时间…</translation>
    </message>
    <message>
        <source>{epoch} · step {step} of {steps}</source>
        <translation>{epoch} · 第 {step}/{steps} 步</translation>
    </message>
    <message>
        <source>{stage} {done} of {total}</source>
        <translation>{stage} {done}/{total}</translation>
    </message>
    <message>
        <source>Epoch {n} of {total}</source>
        <translation>第 {n}/{total} 轮</translation>
    </message>
    <message>
        <source>Epoch {n} of {total}: training loss {loss:.4f}</source>
        <translation>第 {n}/{total} 轮：训练损失 {loss:.4f}</translation>
    </message>
    <message>
        <source>validation loss {loss:.4f}</source>
        <translation>验证损失 {loss:.4f}</translation>
    </message>
    <message>
        <source>validation accuracy {acc:.1%}</source>
        <translation>验证准确率 {acc:.1%}</translation>
    </message>
    <message>
        <source> (done before the interruption)</source>
        <translation>（中断前已完成）</translation>
    </message>
    <message>
        <source> (best so far)</source>
        <translation>（目前最佳）</translation>
    </message>
    <message>
        <source> · {ips:.1f} images/s</source>
        <translation> · {ips:.1f} 张/秒</translation>
    </message>
    <message>
        <source>    per class: </source>
        <translation>    各类别：</translation>
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation>{done} / {total}</translation>
    </message>
    <message>
        <source> · {speed:.1f} MB/s</source>
        <translation> · {speed:.1f} MB/s</translation>
    </message>
    <message>
        <source> · about {time} left</source>
        <translation> · 约剩 {time}</translation>
    </message>
    <message>
        <source>Downloading starting weights {name}: {amount}</source>
        <translation>正在下载初始权重 {name}：{amount}</translation>
    </message>
    <message>
        <source>no epoch was finished, so no model was kept</source>
        <translation>没有完成任何一轮，因此没有保留模型</translation>
    </message>
    <message>
        <source>best validation accuracy {acc:.1%} (epoch {epoch})</source>
        <translation>最佳验证准确率 {acc:.1%}（第 {epoch} 轮）</translation>
    </message>
    <message>
        <source>no validation photos, so the last epoch is kept</source>
        <translation>没有验证照片，因此保留最后一轮</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Training {verb}: {best}. The model is ready in the Predict tab; save it to keep it after the app closes.</source>
        <translation>训练{verb}：{best}。模型已可在“预测”页中使用；如需在程序关闭后保留，请保存它。</translation>
    </message>
    <message>
        <source>Training {verb}: {best}.</source>
        <translation>训练{verb}：{best}。</translation>
    </message>
</context>
<context>
    <name>TrainingRun</name>
    <message>
        <source>looking through the folder</source>
        <translation>查看文件夹</translation>
    </message>
    <message>
        <source>looking for interrupted trainings</source>
        <translation>查找中断的训练</translation>
    </message>
</context>
<context>
    <name>_ImageActions</name>
    <message>
        <source>Open in Predict</source>
        <extracomment>A right answer given with less than this probability is called unsure.</extracomment>
        <translation>在“预测”页中打开</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <source>Move to class</source>
        <translation>移到类别</translation>
    </message>
    <message>
        <source>Exclude from the dataset</source>
        <translation>从数据集中排除</translation>
    </message>
</context>
</TS>
