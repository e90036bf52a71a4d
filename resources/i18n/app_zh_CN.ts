<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Application</name>
    <message>
        <source>Problem</source>
        <translation>出了点问题</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Something went wrong. Your saved data is safe. Please show the details below to whoever looks after this computer.</source>
        <translation>程序出了意外，已保存的数据不受影响。请把下面的详细信息给负责这台电脑的人看。</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <source>Check every row</source>
        <translation>逐行检查</translation>
    </message>
    <message>
        <source>Nothing is saved yet. Every row is checked with the same rules as the person form.</source>
        <translation>还没有保存任何内容。每一行都按“新增人员”表单的规则检查。</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Skip the rows with errors and import the others</source>
        <translation>跳过有错误的行，只导入正确的行</translation>
    </message>
    <message>
        <source>Update people already on the roster with the file&apos;s values</source>
        <translation>花名册里已有的人，用文件里的内容更新</translation>
    </message>
    <message>
        <source>Read %1 rows: %2 to add, %3 to update, %4 duplicates skipped, %5 rows with errors.</source>
        <translation>读取 %1 行：新增 %2 人，更新 %3 人，跳过重复 %4 行，有错误 %5 行。</translation>
    </message>
    <message>
        <source>Columns not imported: %1</source>
        <translation>不导入的列：%1</translation>
    </message>
    <message>
        <source>The rows with errors were saved to %1 with the reasons.</source>
        <translation>有错误的行及原因已保存到 %1。</translation>
    </message>
    <message>
        <source>Nothing is imported while rows have errors: correct the file and choose it again, or tick “skip the rows with errors” below.</source>
        <translation>有错误行时不会导入：请改好文件后重新选择，或勾选下面的“跳过有错误的行”。</translation>
    </message>
</context>
<context>
    <name>ClubNameDialog</name>
    <message>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <source>Welcome to the club workbench. What is your club called?</source>
        <translation>欢迎使用服务社工作台。请输入本服务社的名称：</translation>
    </message>
    <message>
        <source>e.g. Shengbei Party Member Service Club</source>
        <translation>例如：胜北党员服务社</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始使用</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Please type the club&apos;s name.</source>
        <translation>请输入服务社名称。</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose the roster file</source>
        <translation>选择花名册文件</translation>
    </message>
    <message>
        <source>An Excel workbook (.xlsx). The app finds the header row and the roster sheet itself.</source>
        <translation>Excel 工作簿（.xlsx）。程序会自动找到表头和花名册所在的工作表。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx *.xlsm)</source>
        <translation>Excel 工作簿 (*.xlsx *.xlsm)</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import a roster from Excel</source>
        <translation>从 Excel 导入花名册</translation>
    </message>
    <message>
        <source>Next &gt;</source>
        <translation>下一步 &gt;</translation>
    </message>
    <message>
        <source>&lt; Back</source>
        <translation>&lt; 上一步</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Roster</source>
        <translation>花名册</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>%1 · Club workbench</source>
        <translation>%1 · 服务社工作台</translation>
    </message>
    <message>
        <source>Club workbench</source>
        <translation>服务社工作台</translation>
    </message>
    <message>
        <source>[DEMO] %1</source>
        <translation>【演示】%1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Import a roster from Excel…</source>
        <translation>从 Excel 导入花名册(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export the roster to Excel…</source>
        <translation>导出花名册到 Excel(&amp;E)…</translation>
    </message>
    <message>
        <source>Export the roster with &amp;full ID numbers…</source>
        <translation>导出花名册（含完整身份证号）(&amp;F)…</translation>
    </message>
    <message>
        <source>Save an empty roster &amp;template…</source>
        <translation>保存空白花名册模板(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>文字大小</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Full ID numbers</source>
        <translation>完整身份证号</translation>
    </message>
    <message>
        <source>Full ID numbers are sensitive personal information. The export will be recorded in the audit log with your name. Export them?</source>
        <translation>完整身份证号属于敏感个人信息。这次导出会以您的名字记入审计日志。确定导出吗？</translation>
    </message>
    <message>
        <source>Export the roster</source>
        <translation>导出花名册</translation>
    </message>
    <message>
        <source>Exporting the roster…</source>
        <translation>正在导出花名册…</translation>
    </message>
    <message>
        <source>Exported %1 people to %2</source>
        <translation>已导出 %1 人到 %2</translation>
    </message>
    <message>
        <source>Save an empty roster template</source>
        <translation>保存空白花名册模板</translation>
    </message>
    <message>
        <source>Saved the template to %1</source>
        <translation>模板已保存到 %1</translation>
    </message>
    <message>
        <source>The new language is used from the next start of the program.</source>
        <translation>新语言将在下次启动程序时生效。</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Club workbench %1
All data stays in one file on this computer:
%2</source>
        <translation>服务社工作台 %1
所有数据都保存在本机的一个文件里：
%2</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>出了点问题</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Check the columns</source>
        <translation>核对各列</translation>
    </message>
    <message>
        <source>Sheet “%1”, header in row %2. The first row below says which roster column each column goes into; change it where the guess is wrong. Columns set to “not imported” are left out.</source>
        <translation>工作表“%1”，表头在第 %2 行。下面第一行是每一列对应的花名册栏目，认错的地方请改过来；设为“不导入”的列不会导入。</translation>
    </message>
    <message>
        <source>(no header)</source>
        <translation>（无列名）</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <source>Choose which column holds the name (姓名).</source>
        <translation>请指定哪一列是姓名。</translation>
    </message>
    <message>
        <source>A roster column is chosen twice: %1</source>
        <translation>有栏目被选了两次：%1</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>Add a person</source>
        <translation>新增人员</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>编辑：%1</translation>
    </message>
    <message>
        <source>18 digits; the last may be X</source>
        <translation>18位，最后一位可以是X</translation>
    </message>
    <message>
        <source>(from the ID number)</source>
        <translation>（按身份证号）</translation>
    </message>
    <message>
        <source>e.g. 1945-03-12</source>
        <translation>例如 1945-03-12</translation>
    </message>
    <message>
        <source>Bldg</source>
        <translation>楼号</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>室</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>居民</translation>
    </message>
    <message>
        <source>Party member</source>
        <translation>党员</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <source>e.g. 1968-07-01</source>
        <translation>例如 1968-07-01</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>姓名 *</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Joined the party</source>
        <translation>入党时间</translation>
    </message>
    <message>
        <source>Party branch</source>
        <translation>所属党支部</translation>
    </message>
    <message>
        <source>Household situation</source>
        <translation>困难情况</translation>
    </message>
    <message>
        <source>Talent pool</source>
        <translation>人才库</translation>
    </message>
    <message>
        <source>Posts</source>
        <translation>职务（三长六员）</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>%1 of 18 characters</source>
        <translation>已输入 %1 位，共18位</translation>
    </message>
    <message>
        <source>✓ Born %1, %2</source>
        <translation>✓ %1 出生，%2</translation>
    </message>
    <message>
        <source>✓ Old 15-digit ID: born %1, %2</source>
        <translation>✓ 15位旧证：%1 出生，%2</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Member / volunteer</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Hardship</source>
        <translation>困难情况</translation>
    </message>
    <message>
        <source>Talent pool / post</source>
        <translation>人才库 / 职务</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Bldg %1</source>
        <translation>%1号楼</translation>
    </message>
    <message>
        <source>Unit %1</source>
        <translation>%1单元</translation>
    </message>
    <message>
        <source>Room %1</source>
        <translation>%1室</translation>
    </message>
    <message>
        <source>Moved away %1</source>
        <translation>已迁出 %1</translation>
    </message>
    <message>
        <source>Deceased %1</source>
        <translation>已去世 %1</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在册</translation>
    </message>
    <message>
        <source>Party member</source>
        <translation>党员</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>居民</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <source>Search: name, pinyin initials (zsf), last digits of ID or phone, building (12号楼)</source>
        <translation>搜索：姓名、拼音首字母（如 zsf）、身份证或电话尾号、楼号（如 12号楼）</translation>
    </message>
    <message>
        <source>Party members</source>
        <translation>党员</translation>
    </message>
    <message>
        <source>Volunteers</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <source>In hardship</source>
        <translation>困难群众</translation>
    </message>
    <message>
        <source>Any talent tag</source>
        <translation>全部人才库标签</translation>
    </message>
    <message>
        <source>Include moved away and deceased</source>
        <translation>含已迁出、已去世</translation>
    </message>
    <message>
        <source>Add a person…</source>
        <translation>新增人员…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Change status…</source>
        <translation>变更状态…</translation>
    </message>
    <message numerus="yes">
        <source>%n people</source>
        <translation>
            <numerusform>共 %n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a person in the list to see their details here.</source>
        <translation>在左边列表中选一个人，这里显示详细信息。</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>%1 (age %2)</source>
        <translation>%1（%2 岁）</translation>
    </message>
    <message>
        <source>%1 · old 15-digit ID</source>
        <translation>%1 · 15位旧证</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Joined the party</source>
        <translation>入党时间</translation>
    </message>
    <message>
        <source>Party branch</source>
        <translation>所属党支部</translation>
    </message>
    <message>
        <source>Household situation</source>
        <translation>困难情况</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Talent pool</source>
        <translation>人才库</translation>
    </message>
    <message>
        <source>Posts</source>
        <translation>职务（三长六员）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Imported %1 people and updated %2; %3 duplicates skipped.</source>
        <translation>已导入 %1 人，更新 %2 人；跳过重复 %3 行。</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>Change the status of %1</source>
        <translation>变更状态：%1</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在册</translation>
    </message>
    <message>
        <source>Moved away</source>
        <translation>已迁出</translation>
    </message>
    <message>
        <source>Deceased</source>
        <translation>已去世</translation>
    </message>
    <message>
        <source>People are never deleted: their visits and history stay in the ledger.</source>
        <translation>人员不会被删除：走访记录和历史都保留在台账里。</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>From</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>_JobPage</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Reading row %1 of about %2</source>
        <translation>正在读取第 %1 行，共约 %2 行</translation>
    </message>
    <message>
        <source>Saving %1 of %2</source>
        <translation>正在保存 %1 / %2</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
</context>
</TS>
