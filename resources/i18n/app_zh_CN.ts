<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AbsenceDialog</name>
    <message>
        <source>Record an absence</source>
        <translation>请假登记</translation>
    </message>
    <message>
        <source>e.g. 2025-11-20</source>
        <translation>如 2025-11-20</translation>
    </message>
    <message>
        <source>The same day if only one day</source>
        <translation>只请一天就填同一天</translation>
    </message>
    <message>
        <source>e.g. hospital check-up; visiting family</source>
        <translation>例如：住院检查、外出探亲</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <source>Away from</source>
        <translation>请假开始</translation>
    </message>
    <message>
        <source>Away until</source>
        <translation>请假结束</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Absences already recorded for %1</source>
        <translation>%1已登记的请假</translation>
    </message>
    <message>
        <source>%2/%1</source>
        <translation>%1年%2月</translation>
    </message>
    <message>
        <source>%1: %2 to %3 %4</source>
        <translation>%1：%2 至 %3 %4</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>还没有。</translation>
    </message>
    <message>
        <source>After recording an absence, press “Generate or repair” on the rota page: the volunteer&apos;s shifts on those days go to others.</source>
        <translation>登记请假后，请在值班表页面按“生成/修补值班表”，此人这几天的班会换给别人。</translation>
    </message>
    <message>
        <source>Record (Ctrl+Enter)</source>
        <translation>登记（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose the volunteer from the list that appears as you type.</source>
        <translation>请在输入时弹出的名单里选中一位志愿者。</translation>
    </message>
</context>
<context>
    <name>AccountPage</name>
    <message>
        <source>The director&apos;s account</source>
        <translation>主任账户</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再输一遍密码</translation>
    </message>
    <message>
        <source>You, the director, may do everything. You add the duty volunteers&apos; accounts afterwards under Settings; they look people up and record visits, reports and services, and see ID numbers masked. Keep your password somewhere safe: a forgotten one can only be reset by whoever looks after this computer, or by a second director account.</source>
        <translation>主任可以使用全部功能。值班志愿者的账户由您之后在“设置”里添加；他们可以查人、记录走访、必报事项和服务，看到的身份证号是遮盖的。请把密码记在稳妥的地方：忘了密码，只能请照管这台电脑的人重设，或者由另一个主任账户重设。</translation>
    </message>
    <message>
        <source>Type your name.</source>
        <translation>请填写您的姓名。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一样。</translation>
    </message>
</context>
<context>
    <name>Accounts</name>
    <message>
        <source>A duty volunteer&apos;s password has at least %1 characters, a director&apos;s at least %2 (digits are fine); not one character repeated, not counting up or down (123456), not your name.</source>
        <translation>值班志愿者的密码至少 %1 位，主任的至少 %2 位（数字就行）；不能全是同一个字，不能顺着数（如 123456），不能是自己的名字。</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <source>Accounts</source>
        <translation>账户管理</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Add an account…</source>
        <translation>添加账户…</translation>
    </message>
    <message>
        <source>Change the role</source>
        <translation>更改角色</translation>
    </message>
    <message>
        <source>Set a new password…</source>
        <translation>设置新密码…</translation>
    </message>
    <message>
        <source>Switch off</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>New recovery code…</source>
        <translation>新的恢复码…</translation>
    </message>
    <message>
        <source>Makes a new recovery code and shows it once; the old one stops working.</source>
        <translation>生成新的恢复码，只显示这一次；旧的恢复码随即作废。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>switched off</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Switch on again</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <source>Make duty volunteer</source>
        <translation>改为值班志愿者</translation>
    </message>
    <message>
        <source>Make director</source>
        <translation>改为主任</translation>
    </message>
    <message>
        <source>New recovery code</source>
        <translation>新的恢复码</translation>
    </message>
    <message>
        <source>Make a new recovery code? The printed one stops working.</source>
        <translation>要生成新的恢复码吗？已经打印的那张就不能用了。</translation>
    </message>
</context>
<context>
    <name>ActivitiesPage</name>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Record an activity…</source>
        <translation>记录活动…</translation>
    </message>
    <message>
        <source>Confirm and credit hours</source>
        <translation>确认并记入时长</translation>
    </message>
    <message>
        <source>To confirm</source>
        <translation>待确认</translation>
    </message>
    <message>
        <source>%1 activities, %2 to confirm</source>
        <translation>%1 次活动，%2 次待确认</translation>
    </message>
    <message>
        <source>Only the director may do this.</source>
        <translation>只有主任可以这样做。</translation>
    </message>
    <message>
        <source>Choose an activity in the list to see its details here.</source>
        <translation>在列表中选一次活动，这里显示详情。</translation>
    </message>
    <message>
        <source>Confirmed on %1 by %2; the hours are in the time bank.</source>
        <translation>%1 由 %2 确认，时长已记入时间银行。</translation>
    </message>
    <message>
        <source>Not confirmed yet: confirm it to credit the hours.</source>
        <translation>尚未确认：确认后给参加人记入时长。</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>服务项目</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Participants (hours)</source>
        <translation>参加人（小时）</translation>
    </message>
    <message>
        <source>People served</source>
        <translation>服务人次</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>The hours credited for it are reversed.</source>
        <translation>已记入的时长会冲回。</translation>
    </message>
    <message>
        <source>It will not be credited.</source>
        <translation>它不会再记入时长。</translation>
    </message>
    <message>
        <source>Confirm the activity</source>
        <translation>确认活动</translation>
    </message>
    <message>
        <source>Credit %1 hours to each of the %2 participants of “%3”? After that the activity cannot be changed; a mistake is put right in the time bank.</source>
        <translation>给“%3”的 %2 位参加人每人记入 %1 小时吗？确认后活动不能再修改；如有错，请在时间银行里更正。</translation>
    </message>
</context>
<context>
    <name>ActivityCorrectionDialog</name>
    <message>
        <source>Correct an activity</source>
        <translation>更正活动记录</translation>
    </message>
    <message>
        <source>The hours of this activity are in the time bank: they are corrected with it.</source>
        <translation>这次活动的时长已记入时间银行，会随更正一起改正。</translation>
    </message>
</context>
<context>
    <name>ActivityDialog</name>
    <message>
        <source>Record an activity</source>
        <translation>记录活动</translation>
    </message>
    <message>
        <source>Press 1–3 or choose</source>
        <translation>按 1–3 或选择</translation>
    </message>
    <message>
        <source>Leave empty to use the project&apos;s name</source>
        <translation>不填则用服务项目作名称</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>服务项目</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Held on</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Actual hours of service each, travel excluded</source>
        <translation>每人实际服务时长（不含路程）</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>参加人</translation>
    </message>
    <message>
        <source>People served</source>
        <translation>服务人次</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ActivityModel</name>
    <message>
        <source>Held on</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>参加人</translation>
    </message>
    <message>
        <source>Hours each</source>
        <translation>每人小时</translation>
    </message>
    <message>
        <source>Served</source>
        <translation>服务人次</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Credited</source>
        <translation>已记入</translation>
    </message>
    <message>
        <source>To confirm</source>
        <translation>待确认</translation>
    </message>
</context>
<context>
    <name>AidPage</name>
    <message>
        <source>Form a group for this person…</source>
        <translation>为此人成立互助组…</translation>
    </message>
    <message>
        <source>Or double-click the person, or press Enter on the row.</source>
        <translation>也可以双击这个人，或在这一行上按回车。</translation>
    </message>
    <message>
        <source>New mutual-aid group…</source>
        <translation>新建互助组…</translation>
    </message>
    <message>
        <source>Add or remove a helper…</source>
        <translation>增减帮扶人…</translation>
    </message>
    <message>
        <source>End the group…</source>
        <translation>结束互助组…</translation>
    </message>
    <message>
        <source>Propose groups…</source>
        <translation>智能推荐…</translation>
    </message>
    <message>
        <source>Working out the coverage…</source>
        <translation>正在计算覆盖情况…</translation>
    </message>
    <message>
        <source>The coverage could not be worked out.</source>
        <translation>覆盖情况没能算出来。</translation>
    </message>
    <message numerus="yes">
        <source>Not covered: %n people</source>
        <translation>
            <numerusform>未覆盖的人（%n 人）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Active groups: %n</source>
        <translation>
            <numerusform>互助组（%n 个）</numerusform>
        </translation>
    </message>
    <message>
        <source>No one on the roster must be covered by a mutual-aid group.</source>
        <translation>花名册里还没有需要互助组覆盖的人。</translation>
    </message>
    <message>
        <source>Must be covered: %1 · covered: %2 (%3%) · not covered: %4</source>
        <translation>应覆盖 %1 人 · 已覆盖 %2 人（%3%） · 未覆盖 %4 人</translation>
    </message>
    <message>
        <source>Aid history</source>
        <translation>帮扶经历</translation>
    </message>
    <message>
        <source>Choose a group in the list to see who has helped its person, and when.</source>
        <translation>在互助组列表里选一组，这里显示谁在什么时候帮扶过被帮扶人。</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <source>Add a helper for this person…</source>
        <translation>为此人增加帮扶人…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
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
        <source>Close without saving?</source>
        <translation>不保存就关闭吗？</translation>
    </message>
    <message>
        <source>What you typed in this form has not been saved. Close it and throw that away?</source>
        <translation>这张表里填的内容还没有保存。关掉它，填的内容就不要了吗？</translation>
    </message>
    <message>
        <source>Close, throw it away</source>
        <translation>关闭，不要了</translation>
    </message>
    <message>
        <source>Keep typing</source>
        <translation>接着填</translation>
    </message>
    <message>
        <source>Preparing the roster search…</source>
        <translation>正在准备花名册搜索…</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Put a volunteer on this shift</source>
        <translation>安排志愿者值这个班</translation>
    </message>
    <message>
        <source>On it now: %1. Still %2 short.</source>
        <translation>现在值班：%1。还缺 %2 人。</translation>
    </message>
    <message>
        <source>On it now: %1. The shift is full; whoever you add is one more.</source>
        <translation>现在值班：%1。这个班已经排满，再安排就多一个人。</translation>
    </message>
    <message>
        <source>Nobody is on it yet; it needs %1.</source>
        <translation>还没有人值这个班，需要 %1 人。</translation>
    </message>
    <message>
        <source>Why it is short: %1</source>
        <translation>缺人的原因：%1</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <source>A volunteer put here by hand stays here when the rota is generated again.</source>
        <translation>手工安排的人，重新生成值班表时不会被换掉。</translation>
    </message>
    <message>
        <source>Put on the shift (Ctrl+Enter)</source>
        <translation>安排（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose the volunteer from the list that appears as you type.</source>
        <translation>请在输入时弹出的名单里选中一位志愿者。</translation>
    </message>
</context>
<context>
    <name>AttendanceDialog</name>
    <message>
        <source>Confirm attendance</source>
        <translation>确认出勤</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>出勤</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>缺勤</translation>
    </message>
    <message>
        <source>Confirmed already. To change it, use “Correct…” beside the rota and give the reason.</source>
        <translation>已经确认过了。要改，请用值班表旁的“更正…”，并写明原因。</translation>
    </message>
    <message>
        <source>Not confirmed yet: marked as attended. Change whoever did not come.</source>
        <translation>还没确认的都先记为“出勤”，没来的请改成“缺勤”。</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>%1 %2 %3</source>
        <translation>%1 %2 %3</translation>
    </message>
    <message>
        <source>attended: %1</source>
        <translation>出勤：%1</translation>
    </message>
    <message>
        <source>absent: %1</source>
        <translation>缺勤：%1</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>All registers</source>
        <translation>所有登记簿</translation>
    </message>
    <message>
        <source>Any person</source>
        <translation>任何人</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>User</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>登记簿</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>✓ The log is as it was written: no row has been changed or removed.</source>
        <translation>✓ 日志与记录时一致：没有任何一条被改动或删除。</translation>
    </message>
    <message>
        <source>Type the dates as 2026-01-31.</source>
        <translation>日期请写成 2026-01-31。</translation>
    </message>
    <message>
        <source>The newest %1 changes; narrow the filters to see older ones.</source>
        <translation>只显示最近的 %1 条改动；请缩小筛选范围查看更早的。</translation>
    </message>
    <message numerus="yes">
        <source>%n changes</source>
        <translation>
            <numerusform>%n 条改动</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Did</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>登记簿</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录编号</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>改动内容</translation>
    </message>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>修改</translation>
    </message>
</context>
<context>
    <name>AwardsDialog</name>
    <message>
        <source>Yearly awards</source>
        <translation>年度评选</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Score: one point an hour of service in the year, 5 a confirmed activity, 10 a praise, minus 20 a complaint. The proposal: meritorious for long service (the fourth level or more in all), most beautiful for the year&apos;s best of the rest. Change any choice before confirming.</source>
        <translation>得分：当年每服务 1 小时计 1 分，每参加一次已确认的活动计 5 分，每次表扬计 10 分，每条意见扣 20 分。推荐：累计时长达到第四级（钻石）及以上的评为功勋志愿者，其余人中当年得分最高的评为最美志愿者。确认前可以逐一调整。</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <source>Hours this year</source>
        <translation>今年时长</translation>
    </message>
    <message>
        <source>Hours in all</source>
        <translation>累计时长</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Praise</source>
        <translation>表扬</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Award</source>
        <translation>奖项</translation>
    </message>
    <message>
        <source>Confirm the chosen awards</source>
        <translation>确认所选奖项</translation>
    </message>
    <message>
        <source>Print award certificates…</source>
        <translation>打印荣誉证书…</translation>
    </message>
    <message>
        <source>Withdraw an award…</source>
        <translation>撤销评选…</translation>
    </message>
    <message>
        <source>Only the director may do this.</source>
        <translation>只有主任可以这样做。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Confirmed for %1: %2</source>
        <translation>%1 年已确认：%2</translation>
    </message>
    <message>
        <source>Nothing confirmed for %1 yet.</source>
        <translation>%1 年还没有确认评选结果。</translation>
    </message>
    <message>
        <source>No award is chosen in the list.</source>
        <translation>列表中没有选择任何奖项。</translation>
    </message>
    <message>
        <source>Confirm these awards for %1? %2</source>
        <translation>确认 %1 年的这些评选结果吗？%2</translation>
    </message>
    <message>
        <source>Save the award certificates</source>
        <translation>保存荣誉证书</translation>
    </message>
    <message>
        <source>Withdraw an award</source>
        <translation>撤销评选</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>BackupController</name>
    <message>
        <source>Automatic backup: %1</source>
        <translation>自动备份：%1</translation>
    </message>
    <message>
        <source>The automatic backup failed: %1</source>
        <translation>自动备份失败：%1</translation>
    </message>
    <message>
        <source>Backing up the data…</source>
        <translation>正在备份数据…</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <source>Backup made</source>
        <translation>备份完成</translation>
    </message>
    <message>
        <source>Backing up before closing…</source>
        <translation>关闭前正在备份…</translation>
    </message>
    <message>
        <source>No backup on closing</source>
        <translation>关闭时没有备份</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Replace the data in use with the backup %1?

The data in use is backed up first and the current file is kept beside it, so nothing is thrown away. Anything entered after that backup will not be in the restored data.</source>
        <translation>用备份 %1 替换正在使用的数据吗？

正在使用的数据会先备份一份，当前文件也另存在旁边，不会丢掉任何东西。这份备份之后录入的内容不在恢复后的数据里。</translation>
    </message>
    <message>
        <source>Restoring from the backup…</source>
        <translation>正在从备份恢复…</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>Restore failed</source>
        <translation>恢复失败</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>已恢复</translation>
    </message>
</context>
<context>
    <name>BackupPage</name>
    <message>
        <source>Where should backups go?</source>
        <translation>备份放在哪里？</translation>
    </message>
    <message>
        <source>Choose the backup folder</source>
        <translation>选择备份文件夹</translation>
    </message>
    <message>
        <source>The program copies the club&apos;s file to this folder. A folder on a USB stick is safest: the copy survives if this computer breaks. Keep the suggested folder if you are not sure.</source>
        <translation>程序会把服务社的数据文件复制到这个文件夹。放在 U 盘上最安全：电脑坏了，备份还在。拿不准就用建议的文件夹。</translation>
    </message>
    <message>
        <source>✓ Backups can be written to this folder</source>
        <translation>✓ 这个文件夹可以存放备份</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <source>Please wait</source>
        <translation>请稍候</translation>
    </message>
    <message>
        <source>The key file is missing</source>
        <translation>钥匙文件不见了</translation>
    </message>
    <message>
        <source>The club&apos;s data is encrypted and its key file is not beside it (copied alone, or a new computer). The director can open it with the recovery code kept in the office safe.</source>
        <translation>服务社的数据是加密的，而它的钥匙文件不在旁边（文件是单独复制过来的，或者换了新电脑）。主任可以用锁在办公室保险柜里的恢复码打开它。</translation>
    </message>
    <message>
        <source>Checking the database…</source>
        <translation>正在检查数据库…</translation>
    </message>
    <message>
        <source>The database file is damaged</source>
        <translation>数据库文件已损坏</translation>
    </message>
    <message>
        <source>The database file cannot be used safely (%1). Please ask the director to log in: only the director may restore it from a backup.</source>
        <translation>数据库文件不能安全使用（%1）。请主任来登录：只有主任可以从备份恢复。</translation>
    </message>
    <message>
        <source>By hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>Every 30 minutes</source>
        <translation>定时（每30分钟）</translation>
    </message>
    <message>
        <source>On closing</source>
        <translation>关闭时</translation>
    </message>
    <message>
        <source>Before an import</source>
        <translation>导入前</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>Before an upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
</context>
<context>
    <name>CertificateModel</name>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>开具日期</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>服务期间</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>开具人</translation>
    </message>
</context>
<context>
    <name>CertificateRegisterDialog</name>
    <message>
        <source>Certificates register</source>
        <translation>证明登记簿</translation>
    </message>
    <message>
        <source>Issue a certificate…</source>
        <translation>开具证明…</translation>
    </message>
    <message>
        <source>Print again…</source>
        <translation>补打…</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message numerus="yes">
        <source>%n certificates</source>
        <translation>
            <numerusform>%n 份证明</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChangeHelpersDialog</name>
    <message>
        <source>Add or remove a helper</source>
        <translation>增减帮扶人</translation>
    </message>
    <message>
        <source>A helper joins</source>
        <translation>增加帮扶人</translation>
    </message>
    <message>
        <source>A helper leaves</source>
        <translation>帮扶人退出</translation>
    </message>
    <message>
        <source>Director&apos;s approval: allow a helper who has hardships of their own</source>
        <translation>主任特批：允许本身有困难的人做帮扶人</translation>
    </message>
    <message>
        <source>New helper</source>
        <translation>新帮扶人</translation>
    </message>
    <message>
        <source>Joins on</source>
        <translation>加入日期</translation>
    </message>
    <message>
        <source>Choose who leaves</source>
        <translation>选择退出的帮扶人</translation>
    </message>
    <message>
        <source>e.g. moved to live with a daughter; ill and cannot help for now</source>
        <translation>如：搬去女儿家；生病，暂时不能帮扶</translation>
    </message>
    <message>
        <source>Helper leaving</source>
        <translation>退出的帮扶人</translation>
    </message>
    <message>
        <source>Leaves on</source>
        <translation>退出日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Helpers now: %1</source>
        <translation>现在的帮扶人：%1</translation>
    </message>
    <message>
        <source>Why a helper is needed: %1</source>
        <translation>为什么要增加帮扶人：%1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Add the helper (Ctrl+Enter)</source>
        <translation>增加帮扶人（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Record the leaving (Ctrl+Enter)</source>
        <translation>记下退出（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Choose the helper from the list that appears as you type.</source>
        <translation>请在输入时弹出的名单里选中帮扶人。</translation>
    </message>
    <message>
        <source>Type the name of the new helper and choose them from the list.</source>
        <translation>请输入新帮扶人的姓名或拼音首字母，再在弹出的名单里选中。</translation>
    </message>
    <message>
        <source>Choose the helper who leaves.</source>
        <translation>请选择退出的帮扶人。</translation>
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
        <source>Name</source>
        <translation>姓名</translation>
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
        <source>Read %1 rows: %5 rows with errors; the others would add %2 people and update %3 (%4 duplicates skipped).</source>
        <translation>读取 %1 行：有错误 %5 行；其余的行可新增 %2 人、更新 %3 人（跳过重复 %4 行）。</translation>
    </message>
    <message>
        <source>Columns not imported: %1</source>
        <translation>不导入的列：%1</translation>
    </message>
    <message>
        <source>row %1 (%2)</source>
        <translation>第 %1 行，%2</translation>
    </message>
    <message>
        <source> and %1 more</source>
        <translation>，另有 %1 行</translation>
    </message>
    <message>
        <source>Skipped as duplicates: %1%2.</source>
        <translation>跳过重复：%1%2。</translation>
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
    <name>ClubPage</name>
    <message>
        <source>Welcome to the club workbench</source>
        <translation>欢迎使用服务社工作台</translation>
    </message>
    <message>
        <source>e.g. Shengbei Party Member Service Club</source>
        <translation>例如：胜北党员服务社</translation>
    </message>
    <message>
        <source>Club name</source>
        <translation>服务社名称</translation>
    </message>
    <message>
        <source>Party branch</source>
        <translation>上级党支部</translation>
    </message>
    <message>
        <source>A few questions before the first start; each can be changed later under Settings. What is your club called, and which party branch does it report to?</source>
        <translation>第一次使用前，先回答几个问题，以后都可以在“设置”里修改。你们服务社叫什么名字？归哪个党支部管？</translation>
    </message>
</context>
<context>
    <name>CorrectDialog</name>
    <message>
        <source>Reverse an entry</source>
        <translation>冲正一笔记录</translation>
    </message>
    <message>
        <source>%1 %2 %3 hours: %4</source>
        <translation>%1 %2 %3 小时：%4</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Reverse (Ctrl+Enter)</source>
        <translation>冲正（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Corrections</name>
    <message>
        <source>%1 recorded by %2</source>
        <translation>%1 %2 记录</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <source>%1 corrected by %2: %3 (reason: %4)</source>
        <translation>%1 %2 更正：%3（原因：%4）</translation>
    </message>
    <message>
        <source>%1 voided by %2 (reason: %3)</source>
        <translation>%1 %2 作废（原因：%3）</translation>
    </message>
    <message>
        <source>History of corrections</source>
        <translation>更正记录</translation>
    </message>
    <message>
        <source>Why, in a few words: e.g. logged to the wrong person</source>
        <translation>简单写明原因，如：记错了人</translation>
    </message>
    <message>
        <source>Reason for the correction</source>
        <translation>更正原因</translation>
    </message>
    <message>
        <source>Save the correction (Ctrl+Enter)</source>
        <translation>保存更正（Ctrl+回车）</translation>
    </message>
</context>
<context>
    <name>DamagedFileDialog</name>
    <message>
        <source>The database file is damaged</source>
        <translation>数据库文件已损坏</translation>
    </message>
    <message>
        <source>The database file %1 is damaged and cannot be used safely.</source>
        <translation>数据库文件 %1 已损坏，不能再安全地使用。</translation>
    </message>
    <message>
        <source>What the check found: %1</source>
        <translation>检查发现：%1</translation>
    </message>
    <message>
        <source>Looking for the newest good backup…</source>
        <translation>正在查找最新的完好备份…</translation>
    </message>
    <message>
        <source>Restore this backup</source>
        <translation>用这份备份恢复</translation>
    </message>
    <message>
        <source>Choose a backup file…</source>
        <translation>选择备份文件…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>No good backup was found in %1. Choose a backup file (from a USB stick, say), or quit and ask whoever looks after this computer.</source>
        <translation>在 %1 里没有找到完好的备份。请选择一个备份文件（比如U盘上的），或者退出，请维护这台电脑的人来处理。</translation>
    </message>
    <message>
        <source>The newest good backup was made on %1 (%2 people, %3). Restore it? The damaged file is kept beside it, so nothing is thrown away; anything entered after that backup has to be entered again.</source>
        <translation>最新的完好备份是 %1 做的（%2 人，%3）。用它恢复吗？损坏的文件会另存在旁边，不会丢掉；这份备份之后录入的内容需要重新录入。</translation>
    </message>
    <message>
        <source>Choose a backup file</source>
        <translation>选择备份文件</translation>
    </message>
    <message>
        <source>Database files (*.sqlite *.db);;All files (*)</source>
        <translation>数据库文件 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Restoring from the backup…</source>
        <translation>正在从备份恢复…</translation>
    </message>
    <message>
        <source>Restore failed</source>
        <translation>恢复失败</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>已恢复</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>e.g. 2026-12-02, 12月2日, 昨天</source>
        <translation>例如：2026-12-02、12月2日、昨天</translation>
    </message>
    <message>
        <source>Calendar…</source>
        <translation>日历…</translation>
    </message>
    <message>
        <source>Choose the day on a calendar (F4)</source>
        <translation>在日历上选日子（F4）</translation>
    </message>
</context>
<context>
    <name>Dates</name>
    <message>
        <source>%1/%2</source>
        <translation>%1月%2日</translation>
    </message>
    <message>
        <source>%1/%2/%3</source>
        <translation>%1年%2月%3日</translation>
    </message>
</context>
<context>
    <name>DepositDialog</name>
    <message>
        <source>Credit hours</source>
        <translation>记入时长</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <source>Actual hours of service (travel excluded)</source>
        <translation>实际服务时长（不含路程）</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Credit (Ctrl+Enter)</source>
        <translation>记入（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>DueModel</name>
    <message>
        <source>Due on</source>
        <translation>应办日期</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>When</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>%n days overdue</source>
        <translation>已逾期 %n 天</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>In %n days</source>
        <translation>还有 %n 天</translation>
    </message>
</context>
<context>
    <name>DuePage</name>
    <message>
        <source>Days ahead</source>
        <translation>未来天数</translation>
    </message>
    <message>
        <source>Record the joint meeting…</source>
        <translation>记录党建联席会…</translation>
    </message>
    <message>
        <source>Log a visit…</source>
        <translation>记录走访…</translation>
    </message>
    <message>
        <source>Print the visit sheet…</source>
        <translation>打印走访单…</translation>
    </message>
    <message>
        <source>Working out what is due…</source>
        <translation>正在计算待办事项…</translation>
    </message>
    <message>
        <source>%1 — due by %2.</source>
        <translation>%1，应在 %2 前召开。</translation>
    </message>
    <message>
        <source>Today %1 · nothing to do</source>
        <translation>今天 %1 · 没有待办事项</translation>
    </message>
    <message numerus="yes">
        <source>Today %1 · %n to do (%2 overdue)</source>
        <translation>
            <numerusform>今天 %1 · 待办 %n 项（已逾期 %2 项）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Today %1 · %n to do</source>
        <translation>
            <numerusform>今天 %1 · 待办 %n 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing is due in the next %n days. Well done!</source>
        <translation>
            <numerusform>未来 %n 天内没有待办事项。辛苦了！</numerusform>
        </translation>
    </message>
    <message>
        <source>Mark as reported…</source>
        <translation>标记已上报…</translation>
    </message>
    <message>
        <source>phone %1</source>
        <translation>电话 %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Save the visit sheet</source>
        <translation>保存走访单</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the visit sheet…</source>
        <translation>正在生成走访单…</translation>
    </message>
    <message>
        <source>The list of what is due could not be worked out.</source>
        <translation>待办事项没能算出来。</translation>
    </message>
    <message>
        <source>Visit sheet saved</source>
        <translation>走访单已保存</translation>
    </message>
    <message>
        <source>The visit sheet was saved to %1. Open it now to print?</source>
        <translation>走访单已保存到 %1。现在打开它来打印吗？</translation>
    </message>
</context>
<context>
    <name>EndGroupDialog</name>
    <message>
        <source>End the mutual-aid group</source>
        <translation>结束互助组</translation>
    </message>
    <message>
        <source>e.g. passed away; moved to a care home; recovered</source>
        <translation>如：已去世；住进养老院；身体已好转</translation>
    </message>
    <message>
        <source>Ended on</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Helpers now: %1</source>
        <translation>现在的帮扶人：%1</translation>
    </message>
    <message>
        <source>When the group ends, its helpers leave it too. Its history is kept.</source>
        <translation>互助组结束后，帮扶人也随之退出；帮扶经历会保留。</translation>
    </message>
    <message>
        <source>End the group (Ctrl+Enter)</source>
        <translation>结束互助组（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>EntryCorrectionDialog</name>
    <message>
        <source>Correct hours</source>
        <translation>更正时长</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Reason for the correction</source>
        <translation>更正原因</translation>
    </message>
    <message>
        <source>Save the correction (Ctrl+Enter)</source>
        <translation>保存更正（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>EntryModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ExchangeDialog</name>
    <message>
        <source>Exchange for a reward</source>
        <translation>兑换奖励</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>奖品</translation>
    </message>
    <message>
        <source>Exchange (Ctrl+Enter)</source>
        <translation>兑换（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose a reward in the list.</source>
        <translation>请在列表里选一样奖品。</translation>
    </message>
</context>
<context>
    <name>FeedbackCorrectionDialog</name>
    <message>
        <source>Correct feedback</source>
        <translation>更正群众评价</translation>
    </message>
    <message>
        <source>Choose a volunteer from the list.</source>
        <translation>请从列表中选择一位志愿者。</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <source>Note feedback on a volunteer</source>
        <translation>记录群众评价</translation>
    </message>
    <message>
        <source>Press 1–2 or choose</source>
        <translation>按 1–2 或选择</translation>
    </message>
    <message>
        <source>For example: resident 张大妈, building 12</source>
        <translation>例如：12号楼居民张大妈</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>From</source>
        <translation>评价人</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>What was said</source>
        <translation>评价内容</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose a volunteer from the list.</source>
        <translation>请从列表中选择一位志愿者。</translation>
    </message>
</context>
<context>
    <name>FeedbackListDialog</name>
    <message>
        <source>Feedback on %1</source>
        <translation>对%1的群众评价</translation>
    </message>
    <message>
        <source>Note feedback…</source>
        <translation>记录群众评价…</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>更正…</translation>
    </message>
    <message>
        <source>Void…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>No feedback has been noted about this volunteer.</source>
        <translation>还没有关于这位志愿者的群众评价。</translation>
    </message>
    <message>
        <source>The yearly ranking no longer counts it.</source>
        <translation>年度评选不再计入这条评价。</translation>
    </message>
</context>
<context>
    <name>FeedbackModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>From</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>What was said</source>
        <translation>评价内容</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose the roster file</source>
        <translation>选择花名册文件</translation>
    </message>
    <message>
        <source>A spreadsheet from Excel or WPS (.xlsx, .xls), LibreOffice (.ods) or a CSV list. The app finds the header row and the roster sheet itself.</source>
        <translation>Excel 或 WPS 的表格（.xlsx、.xls）、LibreOffice 的表格（.ods）或 CSV 名单都可以。程序会自动找到表头和花名册所在的工作表。</translation>
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
        <source>Spreadsheets and lists (*.xlsx *.xlsm *.xls *.et *.ods *.csv *.txt)</source>
        <translation>表格和名单文件 (*.xlsx *.xlsm *.xls *.et *.ods *.csv *.txt)</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>First start</source>
        <translation>首次使用</translation>
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
        <source>Start</source>
        <translation>开始使用</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>FolderField</name>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>✓ Read as %1</source>
        <translation>✓ 识别为 %1</translation>
    </message>
</context>
<context>
    <name>GapModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Why not covered</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>GoodNewsCorrectionDialog</name>
    <message>
        <source>Correct a good-news item</source>
        <translation>更正好人好事</translation>
    </message>
</context>
<context>
    <name>GoodNewsDialog</name>
    <message>
        <source>Add a good-news item</source>
        <translation>添加好人好事</translation>
    </message>
    <message>
        <source>e.g. Free haircuts brought to the buildings</source>
        <translation>例如：义务理发进楼栋</translation>
    </message>
    <message>
        <source>Choose a photo…</source>
        <translation>选择照片…</translation>
    </message>
    <message>
        <source>Remove the photo</source>
        <translation>去掉照片</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Photo (optional)</source>
        <translation>照片（可不选）</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>No photo</source>
        <translation>没有照片</translation>
    </message>
    <message>
        <source>Cannot read the file %1.</source>
        <translation>读不了文件 %1。</translation>
    </message>
    <message>
        <source>Choose a photo</source>
        <translation>选择照片</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png)</source>
        <translation>照片 (*.jpg *.jpeg *.png)</translation>
    </message>
</context>
<context>
    <name>GroupDialog</name>
    <message>
        <source>New mutual-aid group</source>
        <translation>新建互助组</translation>
    </message>
    <message>
        <source>Automatic: one helper is one-on-one, several are many-help-one</source>
        <translation>自动：一人为一对一，多人为多帮一</translation>
    </message>
    <message>
        <source>Press 1–3 or choose</source>
        <translation>按 1–3 或点选</translation>
    </message>
    <message>
        <source>e.g. 2025-11-20</source>
        <translation>如 2025-11-20</translation>
    </message>
    <message>
        <source>Director&apos;s approval: allow a helper who has hardships of their own</source>
        <translation>主任特批：允许本身有困难的人做帮扶人</translation>
    </message>
    <message>
        <source>Why a group is needed: %1</source>
        <translation>为什么要成立互助组：%1</translation>
    </message>
    <message>
        <source>Person helped</source>
        <translation>被帮扶人</translation>
    </message>
    <message>
        <source>Helpers</source>
        <translation>帮扶人</translation>
    </message>
    <message>
        <source>Kind of group</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Formed on</source>
        <translation>成立日期</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Form the group (Ctrl+Enter)</source>
        <translation>成立互助组（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose the person to be helped from the list that appears as you type.</source>
        <translation>请在输入时弹出的名单里选中被帮扶的人。</translation>
    </message>
    <message>
        <source>Type the name of the person to be helped and choose them from the list.</source>
        <translation>请输入被帮扶人的姓名或拼音首字母，再在弹出的名单里选中。</translation>
    </message>
    <message>
        <source>Choose at least one helper.</source>
        <translation>请至少选一位帮扶人。</translation>
    </message>
    <message>
        <source>Choose the helper from the list that appears as you type.</source>
        <translation>请在输入时弹出的名单里选中帮扶人。</translation>
    </message>
</context>
<context>
    <name>GroupModel</name>
    <message>
        <source>Person helped</source>
        <translation>被帮扶人</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>Hardship</source>
        <translation>困难情况</translation>
    </message>
    <message>
        <source>Kind of group</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Helpers</source>
        <translation>帮扶人</translation>
    </message>
    <message>
        <source>Formed on</source>
        <translation>成立日期</translation>
    </message>
    <message>
        <source>%1 (lead)</source>
        <translation>%1（组长）</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>User guide</source>
        <translation>使用说明</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>HolidayModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Holiday</source>
        <translation>节日名称</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Day off</source>
        <translation>放假</translation>
    </message>
    <message>
        <source>Make-up workday</source>
        <translation>调休上班</translation>
    </message>
    <message>
        <source>Official (built in)</source>
        <translation>国家规定</translation>
    </message>
    <message>
        <source>Entered here</source>
        <translation>本社录入</translation>
    </message>
</context>
<context>
    <name>HolidaysDialog</name>
    <message>
        <source>Holidays and make-up workdays</source>
        <translation>节假日和调休</translation>
    </message>
    <message>
        <source>e.g. 2027-02-20</source>
        <translation>如 2027-02-20</translation>
    </message>
    <message>
        <source>Day off</source>
        <translation>放假</translation>
    </message>
    <message>
        <source>Make-up workday</source>
        <translation>调休上班</translation>
    </message>
    <message>
        <source>Press 1–2 or choose</source>
        <translation>按 1–2 或选择</translation>
    </message>
    <message>
        <source>e.g. Spring Festival</source>
        <translation>例如：春节</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Day off or workday</source>
        <translation>放假还是上班</translation>
    </message>
    <message>
        <source>Holiday</source>
        <translation>节日名称</translation>
    </message>
    <message>
        <source>The duty desk opens as usual on days off</source>
        <translation>节假日值班室照常开放</translation>
    </message>
    <message>
        <source>Save this day (Ctrl+Enter)</source>
        <translation>保存这一天（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Add or change a day</source>
        <translation>添加或修改一天</translation>
    </message>
    <message>
        <source>Choose a day in the list to change it. After a change, generate or repair the rota so the shifts follow.</source>
        <translation>在上面的列表里点一天可以修改它。改完后，请按“生成/修补值班表”，让排班跟着变。</translation>
    </message>
    <message>
        <source>No days off or make-up workdays in %1.</source>
        <translation>%1没有放假或调休。</translation>
    </message>
    <message>
        <source>Saved: %1 %2</source>
        <translation>已保存：%1 %2</translation>
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
    <name>IssueCertificateDialog</name>
    <message>
        <source>Issue a service certificate</source>
        <translation>开具志愿服务证明</translation>
    </message>
    <message>
        <source>For example: an award nomination, a school application</source>
        <translation>例如：评优、升学</translation>
    </message>
    <message>
        <source>Leave empty to use the service recorded in the time bank</source>
        <translation>不填则按时间银行的记录写明服务内容</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <source>Service from</source>
        <translation>服务起始日期</translation>
    </message>
    <message>
        <source>Service until</source>
        <translation>服务截止日期</translation>
    </message>
    <message>
        <source>Recorded service</source>
        <translation>记录的服务</translation>
    </message>
    <message>
        <source>Content (optional)</source>
        <translation>服务内容（可不填）</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Issue and save the PDF… (Ctrl+Enter)</source>
        <translation>开具并保存 PDF…（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose a volunteer to see the service recorded.</source>
        <translation>选择志愿者后，这里显示记录的服务。</translation>
    </message>
    <message>
        <source>Type the dates as 2026-01-31.</source>
        <translation>日期请写成 2026-01-31。</translation>
    </message>
    <message>
        <source>%1 hours: %2</source>
        <translation>%1 小时：%2</translation>
    </message>
    <message>
        <source>no service</source>
        <translation>没有服务记录</translation>
    </message>
    <message>
        <source>Choose a volunteer from the list.</source>
        <translation>请从列表中选择一位志愿者。</translation>
    </message>
</context>
<context>
    <name>ListModel</name>
    <message>
        <source>corrected</source>
        <translation>已更正</translation>
    </message>
    <message>
        <source>void</source>
        <translation>已作废</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Who is on duty? — %1</source>
        <translation>谁在值班？— %1</translation>
    </message>
    <message>
        <source>Change of duty — %1</source>
        <translation>换人值班 — %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Practice club: every password is %1.</source>
        <translation>演示服务社：所有账户的密码都是 %1。</translation>
    </message>
    <message>
        <source>Start duty</source>
        <translation>开始值班</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>The desk is locked — %1</source>
        <translation>值班台已锁定 — %1</translation>
    </message>
    <message>
        <source>Tap your name, then type your password and press Enter.</source>
        <translation>先点自己的名字，再输入密码，按回车。</translation>
    </message>
    <message>
        <source>Nobody used the desk for a while, so it was locked to keep people&apos;s details safe. Tap your name, then type your password and press Enter.</source>
        <translation>值班台有一阵子没人用，为保护大家的个人信息已经锁上了。先点自己的名字，再输入密码，按回车。</translation>
    </message>
    <message>
        <source>%1 is on duty now. Whoever takes over taps their name and types their password.</source>
        <translation>现在由 %1 值班。接班的人点自己的名字，输入自己的密码。</translation>
    </message>
    <message>
        <source>Close the program</source>
        <translation>关闭程序</translation>
    </message>
    <message>
        <source>Cancel (%1 stays on duty)</source>
        <translation>取消（仍由 %1 值班）</translation>
    </message>
    <message>
        <source>Forgot the password? Recovery code…</source>
        <translation>忘了密码？用恢复码…</translation>
    </message>
    <message>
        <source>Tap your name first.</source>
        <translation>请先点一下自己的名字。</translation>
    </message>
    <message>
        <source>Your password does not meet the rules any more: %1. To keep people&apos;s details safe, choose a new one now and log in with it from now on.</source>
        <translation>您现在的密码不符合规定：%1。为了大家的资料安全，请现在换一个新密码，以后就用新密码登录。</translation>
    </message>
    <message>
        <source>Choose a new password to start duty.</source>
        <translation>换了新密码才能开始值班。</translation>
    </message>
    <message>
        <source>You may try again now.</source>
        <translation>现在可以再试了。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
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
        <source>To do</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>Roster</source>
        <translation>花名册</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>走访记录</translation>
    </message>
    <message>
        <source>Must-reports</source>
        <translation>必报事项</translation>
    </message>
    <message>
        <source>Mutual aid</source>
        <translation>互助组</translation>
    </message>
    <message>
        <source>Duty rota</source>
        <translation>值班表</translation>
    </message>
    <message>
        <source>Time bank</source>
        <translation>时间银行</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Demo club: the people are made up, practise freely.</source>
        <translation>演示服务社：人员都是虚构的，可以放心练习。</translation>
    </message>
    <message>
        <source>Today&apos;s duty: no shifts are planned for today.</source>
        <translation>今日值班：今天没有安排班次。</translation>
    </message>
    <message>
        <source>nobody yet</source>
        <translation>尚未安排</translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation>%1（%2）：%3</translation>
    </message>
    <message>
        <source>Today&apos;s duty — %1</source>
        <translation>今日值班 —— %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Change of duty…</source>
        <translation>换人值班(&amp;C)…</translation>
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
        <source>Monthly &amp;bulletin…</source>
        <translation>月度通报(&amp;Y)…</translation>
    </message>
    <message>
        <source>Export the monthly re&amp;turn…</source>
        <translation>导出月报表(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Back up the data…</source>
        <translation>备份数据(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Restore from a backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Records</source>
        <translation>记录(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Log a visit…</source>
        <translation>记录走访(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;New must-report…</source>
        <translation>新建必报事项(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Add a person…</source>
        <translation>添加人员(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Print the visit sheet…</source>
        <translation>打印走访单(&amp;P)…</translation>
    </message>
    <message>
        <source>Record an &amp;activity…</source>
        <translation>记录活动(&amp;H)…</translation>
    </message>
    <message>
        <source>Issue a service &amp;certificate…</source>
        <translation>开具志愿服务证明(&amp;C)…</translation>
    </message>
    <message>
        <source>Certificates re&amp;gister…</source>
        <translation>证明登记簿(&amp;G)…</translation>
    </message>
    <message>
        <source>Note &amp;feedback on a volunteer…</source>
        <translation>记录群众评价(&amp;F)…</translation>
    </message>
    <message>
        <source>Yearly a&amp;wards…</source>
        <translation>年度评选(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Find a person</source>
        <translation>查找人员(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Today&apos;s duty</source>
        <translation>今日值班(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;All settings…</source>
        <translation>全部设置(&amp;A)…</translation>
    </message>
    <message>
        <source>A&amp;ccounts…</source>
        <translation>账户管理(&amp;C)…</translation>
    </message>
    <message>
        <source>Audit &amp;log…</source>
        <translation>审计日志(&amp;L)…</translation>
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
        <source>&amp;User guide</source>
        <translation>使用说明(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>Only the director may do this.</source>
        <translation>只有主任可以这样做。</translation>
    </message>
    <message>
        <source>On duty: %1 (%2)</source>
        <translation>值班：%1（%2）</translation>
    </message>
    <message>
        <source>Only the director may %1.</source>
        <translation>只有主任可以%1。</translation>
    </message>
    <message>
        <source>Roster imported: %1 people added, %2 updated.</source>
        <translation>花名册已导入：新增 %1 人，更新 %2 人。</translation>
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
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Check the columns</source>
        <translation>核对各列</translation>
    </message>
    <message>
        <source>Header in row %2. The first row below says which roster column each column goes into; change it where the guess is wrong. Columns set to “not imported” are left out.</source>
        <translation>表头在第 %2 行。下面第一行是每一列对应的花名册栏目，认错的地方请改过来；设为“不导入”的列不会导入。</translation>
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
    <name>MeetingCorrectionDialog</name>
    <message>
        <source>Correct a meeting</source>
        <translation>更正会议记录</translation>
    </message>
</context>
<context>
    <name>MeetingDialog</name>
    <message>
        <source>Record a meeting</source>
        <translation>记录会议</translation>
    </message>
    <message>
        <source>Press 1–4 or choose</source>
        <translation>按 1–4 或选择</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Held on</source>
        <translation>开会日期</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>参会人</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>议题</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>决定事项</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>后续落实</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>MeetingModel</name>
    <message>
        <source>Held on</source>
        <translation>开会日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>议题</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>决定事项</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>参会人</translation>
    </message>
</context>
<context>
    <name>MeetingsPage</name>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Record a meeting…</source>
        <translation>记录会议…</translation>
    </message>
    <message numerus="yes">
        <source>%n meetings</source>
        <translation>
            <numerusform>共 %n 次会议</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — due by %2.</source>
        <translation>%1，应在 %2 前召开。</translation>
    </message>
    <message>
        <source>Choose a meeting in the list to see its details here.</source>
        <translation>在列表中选择一次会议，这里显示详情。</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>参会人</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>议题</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>决定事项</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>后续落实</translation>
    </message>
    <message>
        <source>It no longer counts in the month&apos;s figures or for the quarter&apos;s joint meeting.</source>
        <translation>它不再计入月度数字，也不再算作本季度的党建联席会。</translation>
    </message>
</context>
<context>
    <name>MonthChooser</name>
    <message>
        <source>◀ Previous month</source>
        <translation>◀ 上个月</translation>
    </message>
    <message>
        <source>Next month ▶</source>
        <translation>下个月 ▶</translation>
    </message>
    <message>
        <source>%2/%1</source>
        <translation>%1年%2月</translation>
    </message>
</context>
<context>
    <name>MonthEndDialog</name>
    <message>
        <source>Month end: bulletin and return</source>
        <translation>月末：月度通报和月报表</translation>
    </message>
    <message>
        <source>%1-%2</source>
        <translation>%1年%2月</translation>
    </message>
    <message>
        <source>%1 (this month, not over yet)</source>
        <translation>%1（本月，尚未结束）</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Good news for the bulletin</source>
        <translation>通报里的好人好事</translation>
    </message>
    <message>
        <source>What the club&apos;s people did well this month: a title, a few sentences, a photo if you have one. They are printed in this order.</source>
        <translation>本月的好人好事：一个标题、几句话，有照片就配上照片。通报按这里的顺序印出。</translation>
    </message>
    <message>
        <source>Save the bulletin as PDF…</source>
        <translation>保存通报为 PDF…</translation>
    </message>
    <message>
        <source>Print the bulletin…</source>
        <translation>打印通报…</translation>
    </message>
    <message>
        <source>Export the monthly return (Excel)…</source>
        <translation>导出月报表（Excel）…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Bulletin and return</source>
        <translation>通报和月报表</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>%1 (with photo)</source>
        <translation>%1（有照片）</translation>
    </message>
    <message>
        <source>No good news yet for this month.</source>
        <translation>这个月还没有好人好事。</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>更正…</translation>
    </message>
    <message>
        <source>Void…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <source>It is taken out of the bulletin.</source>
        <translation>它不再印在通报里。</translation>
    </message>
    <message>
        <source>Making the preview…</source>
        <translation>正在生成预览…</translation>
    </message>
    <message numerus="yes">
        <source>Preview of the bulletin for %1: %n pages, exactly as it prints.</source>
        <translation>
            <numerusform>%1的月度通报预览：共 %n 页，与打印出来的一样。</numerusform>
        </translation>
    </message>
    <message>
        <source>The preview could not be made.</source>
        <translation>预览没有生成出来。</translation>
    </message>
    <message>
        <source>The bulletin could not be saved to %1: %2</source>
        <translation>通报没能保存到 %1：%2</translation>
    </message>
    <message>
        <source>Bulletin saved</source>
        <translation>通报已保存</translation>
    </message>
    <message>
        <source>The bulletin was saved to %1. Open it now?</source>
        <translation>通报已保存到 %1。现在打开吗？</translation>
    </message>
    <message>
        <source>Save the bulletin</source>
        <translation>保存通报</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Sending the bulletin to the printer…</source>
        <translation>正在把通报送到打印机…</translation>
    </message>
    <message>
        <source>Printing page %1 of %2…</source>
        <translation>正在打印第 %1 页，共 %2 页…</translation>
    </message>
    <message>
        <source>The bulletin was sent to the printer.</source>
        <translation>通报已送到打印机。</translation>
    </message>
    <message>
        <source>Writing the monthly return…</source>
        <translation>正在写月报表…</translation>
    </message>
    <message>
        <source>Export the monthly return</source>
        <translation>导出月报表</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>The monthly return was saved to %1.</source>
        <translation>月报表已保存到 %1。</translation>
    </message>
    <message>
        <source>Monthly return saved</source>
        <translation>月报表已保存</translation>
    </message>
    <message>
        <source>The monthly return for %1 was saved to %2. Send this file to the branch.</source>
        <translation>%1的月报表已保存到 %2。请把这个文件报给党支部。</translation>
    </message>
</context>
<context>
    <name>NewAccountDialog</name>
    <message>
        <source>The director&apos;s account</source>
        <translation>主任账户</translation>
    </message>
    <message>
        <source>Add an account</source>
        <translation>添加账户</translation>
    </message>
    <message>
        <source>Nobody can use the program until the director has an account. The director adds the duty volunteers&apos; accounts afterwards.</source>
        <translation>主任先建一个账户，程序才能使用。值班志愿者的账户由主任之后添加。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再输一遍密码</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一样。</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>New password for %1</source>
        <translation>为 %1 设置新密码</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再输一遍密码</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一样。</translation>
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
        <source>e.g. 1945-03-12, or 1945年3月 when the day is not known</source>
        <translation>例如 1945-03-12；不知道哪天可写 1945年3月</translation>
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
        <source>the day they registered with the club, e.g. 2026-03-05</source>
        <translation>到服务社报到的日期，如 2026-03-05</translation>
    </message>
    <message>
        <source>only if the birthday is kept by the lunar calendar, e.g. 四月初八</source>
        <translation>按农历过生日才填，如 四月初八</translation>
    </message>
    <message>
        <source>From the birth date</source>
        <translation>按出生日期换算</translation>
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
        <source>Registered with the club</source>
        <translation>报到日期</translation>
    </message>
    <message>
        <source>Lunar birthday</source>
        <translation>农历生日</translation>
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
        <source>Helping in mutual-aid groups</source>
        <translation>参加互助组帮扶</translation>
    </message>
    <message>
        <source> people at most</source>
        <translation> 人（最多）</translation>
    </message>
    <message>
        <source>Paused: not helping for now</source>
        <translation>暂停帮扶</translation>
    </message>
    <message>
        <source>Helps people of the same sex only</source>
        <translation>只帮扶同性</translation>
    </message>
    <message>
        <source>Duty rota</source>
        <translation>值班</translation>
    </message>
    <message>
        <source>Takes turns on duty</source>
        <translation>参加轮流值班</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>any time</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>mornings</source>
        <translation>上午</translation>
    </message>
    <message>
        <source>afternoons</source>
        <translation>下午</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>技能</translation>
    </message>
    <message>
        <source>Cannot come on</source>
        <translation>固定不能来</translation>
    </message>
    <message>
        <source>Most shifts a month</source>
        <translation>每月最多</translation>
    </message>
    <message>
        <source>Prefers</source>
        <translation>偏好</translation>
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
    <message>
        <source>Type the birth date first.</source>
        <translation>请先填写出生日期。</translation>
    </message>
    <message>
        <source>Only the director may see or change a full ID number.</source>
        <translation>只有主任可以查看或修改完整的身份证号。</translation>
    </message>
</context>
<context>
    <name>PersonPicker</name>
    <message>
        <source>Type a volunteer&apos;s name or pinyin initials (e.g. zsf)</source>
        <translation>输入志愿者姓名或拼音首字母（如 zsf）</translation>
    </message>
    <message>
        <source>Type a name or pinyin initials (e.g. zsf)</source>
        <translation>输入姓名或拼音首字母（如 zsf）</translation>
    </message>
    <message>
        <source>%1 years old</source>
        <translation>%1岁</translation>
    </message>
</context>
<context>
    <name>PracticePage</name>
    <message>
        <source>Start with your own club, or practise first?</source>
        <translation>直接开始，还是先练习一下？</translation>
    </message>
    <message>
        <source>Start keeping our club&apos;s ledgers</source>
        <translation>开始记录本社的台账</translation>
    </message>
    <message>
        <source>Practise first on a demo club</source>
        <translation>先用演示服务社练习</translation>
    </message>
    <message>
        <source>The demo club is a separate file with made-up people, marked 【演示】 in the title bar: practise freely, nothing reaches your club&apos;s ledgers. The next time the program starts it opens your own club.</source>
        <translation>演示服务社是单独的一个文件，人员都是虚构的，标题栏标有【演示】：可以放心练习，不会进入本社的台账。下次启动程序时会打开本社的数据。</translation>
    </message>
</context>
<context>
    <name>ProposalModel</name>
    <message>
        <source>Person helped</source>
        <translation>被帮扶人</translation>
    </message>
    <message>
        <source>Kind of group</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Proposed helpers</source>
        <translation>推荐帮扶人</translation>
    </message>
    <message>
        <source>Join the existing group</source>
        <translation>加入原互助组</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>计算机</translation>
    </message>
</context>
<context>
    <name>RecoverDialog</name>
    <message>
        <source>Open with the recovery code</source>
        <translation>用恢复码打开</translation>
    </message>
    <message>
        <source>Type the recovery code kept in the office safe, the director&apos;s name and a new password for the director.</source>
        <translation>请输入锁在办公室保险柜里的恢复码、主任的名字，再给主任设一个新密码。</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>恢复码</translation>
    </message>
    <message>
        <source>Director&apos;s name</source>
        <translation>主任的名字</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再输一遍密码</translation>
    </message>
    <message>
        <source>Open (Ctrl+Enter)</source>
        <translation>打开（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一样。</translation>
    </message>
</context>
<context>
    <name>RecoveryCodeDialog</name>
    <message>
        <source>The recovery code</source>
        <translation>恢复码</translation>
    </message>
    <message>
        <source>This code opens the club&apos;s data when a director&apos;s password is forgotten or the club moves to a new computer. It is shown only now. Write it down or print it, and keep it in the office safe, not beside the computer.</source>
        <translation>主任忘了密码、或者服务社换了新电脑时，用这个恢复码打开服务社的数据。它只显示这一次：请抄下来或打印出来，锁进办公室的保险柜，不要放在电脑旁边。</translation>
    </message>
    <message>
        <source>I have written the code down (or printed it) and will keep it safe</source>
        <translation>我已经把恢复码抄下来（或打印出来），会妥善保管</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Recovery code of the club&apos;s data&lt;/h2&gt;&lt;p style=&apos;font-size:20pt&apos;&gt;%1&lt;/p&gt;&lt;p&gt;Keep this page in the office safe.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;服务社数据的恢复码&lt;/h2&gt;&lt;p style=&apos;font-size:20pt&apos;&gt;%1&lt;/p&gt;&lt;p&gt;请把这一页锁进办公室的保险柜。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>RecoveryPage</name>
    <message>
        <source>The recovery code</source>
        <translation>恢复码</translation>
    </message>
    <message>
        <source>I have written the code down (or printed it) and will keep it safe</source>
        <translation>我已经把恢复码抄下来（或打印出来），会妥善保管</translation>
    </message>
    <message>
        <source>The club&apos;s data is encrypted: only the accounts&apos; passwords open it. This recovery code opens it too, when the director&apos;s password is forgotten or the club moves to a new computer. It is shown only now: write it down, and keep the paper in the office safe, not beside the computer.</source>
        <translation>服务社的数据是加密的：只有各个账户的密码能打开。这个恢复码也能打开它——主任忘了密码、或者服务社换了新电脑时用。它只显示这一次：请抄下来，把纸锁进办公室的保险柜，不要放在电脑旁边。</translation>
    </message>
    <message>
        <source>Write the code down first: it is not shown again.</source>
        <translation>请先把恢复码抄下来：它不会再显示。</translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <source>Correct…</source>
        <translation>更正…</translation>
    </message>
    <message>
        <source>Void…</source>
        <translation>作废…</translation>
    </message>
</context>
<context>
    <name>ReportCorrectionDialog</name>
    <message>
        <source>Correct a must-report</source>
        <translation>更正必报事项</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>New must-report</source>
        <translation>新建必报事项</translation>
    </message>
    <message>
        <source>Press 1–5 or choose</source>
        <translation>按 1–5 或点选</translation>
    </message>
    <message>
        <source>What happened, in a sentence or two</source>
        <translation>用一两句话写明发生了什么</translation>
    </message>
    <message>
        <source>Person concerned</source>
        <translation>涉及的人</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>发生了什么</translation>
    </message>
    <message>
        <source>Learnt of it on</source>
        <translation>得知日期</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>A must-report is to be passed to the party branch within %n days of learning of it.</source>
        <translation>必报事项应在得知后 %n 天内报给党支部。</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ReportHistory</name>
    <message>
        <source>%1 %2 · %3: %4</source>
        <translation>%1 %2 · %3：%4</translation>
    </message>
    <message>
        <source>%1 %2 · %3</source>
        <translation>%1 %2 · %3</translation>
    </message>
</context>
<context>
    <name>ReportModel</name>
    <message>
        <source>Learnt of on</source>
        <translation>得知日期</translation>
    </message>
    <message>
        <source>Person concerned</source>
        <translation>涉及的人</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>发生了什么</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reported to</source>
        <translation>报给</translation>
    </message>
    <message>
        <source>Reported on</source>
        <translation>上报日期</translation>
    </message>
</context>
<context>
    <name>ReportProgressDialog</name>
    <message>
        <source>Mark as reported</source>
        <translation>标记已上报</translation>
    </message>
    <message>
        <source>Close the must-report</source>
        <translation>必报事项结案</translation>
    </message>
    <message>
        <source>%1 · %2: %3</source>
        <translation>%1 · %2：%3</translation>
    </message>
    <message>
        <source>History</source>
        <translation>经过</translation>
    </message>
    <message>
        <source>Reported to</source>
        <translation>报给谁</translation>
    </message>
    <message>
        <source>Reported on</source>
        <translation>上报日期</translation>
    </message>
    <message>
        <source>Mark as reported (Ctrl+Enter)</source>
        <translation>标记已上报（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>结案日期</translation>
    </message>
    <message>
        <source>Close it (Ctrl+Enter)</source>
        <translation>结案（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>New must-report…</source>
        <translation>新建必报事项…</translation>
    </message>
    <message>
        <source>Mark as reported…</source>
        <translation>标记已上报…</translation>
    </message>
    <message>
        <source>Close…</source>
        <translation>结案…</translation>
    </message>
    <message numerus="yes">
        <source>%n must-reports</source>
        <translation>
            <numerusform>共 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>History</source>
        <translation>经过</translation>
    </message>
    <message>
        <source>Choose a must-report in the list to see its history here.</source>
        <translation>在上面的列表里选中一件必报事项，这里显示它的经过。</translation>
    </message>
    <message>
        <source>History of %1: %2</source>
        <translation>经过：%1 · %2</translation>
    </message>
    <message>
        <source>It is no longer due to be reported, and the visit it asked for is no longer due.</source>
        <translation>它不再需要上报，它要求的走访也不再列入待办。</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Backups of %1, newest first. Each was checked when it was made. Restoring keeps the file in use beside it, so nothing is thrown away.</source>
        <translation>%1 的备份，最新的在前。每份备份在生成时都做过完整性检查。恢复时会把正在使用的文件另存在旁边，不会丢掉任何东西。</translation>
    </message>
    <message>
        <source>Backup folder: %1</source>
        <translation>备份文件夹：%1</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Reading the backups…</source>
        <translation>正在读取备份…</translation>
    </message>
    <message>
        <source>Restore the selected backup</source>
        <translation>恢复所选备份</translation>
    </message>
    <message>
        <source>Choose another backup file…</source>
        <translation>选择其他备份文件…</translation>
    </message>
    <message>
        <source>Open the backup folder</source>
        <translation>打开备份文件夹</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>已校验</translation>
    </message>
    <message>
        <source>Cannot be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>%1 backups.</source>
        <translation>共 %1 份备份。</translation>
    </message>
    <message>
        <source>No backups yet. Use “Back up the data…” in the File menu, or choose a backup file from elsewhere (a USB stick, say).</source>
        <translation>还没有备份。可以用“文件”菜单里的“备份数据…”，或者从别处（比如U盘）选择一个备份文件。</translation>
    </message>
    <message>
        <source>Choose a backup file</source>
        <translation>选择备份文件</translation>
    </message>
    <message>
        <source>Database files (*.sqlite *.db);;All files (*)</source>
        <translation>数据库文件 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>正在检查备份…</translation>
    </message>
    <message>
        <source>This file cannot be restored</source>
        <translation>不能用这个文件恢复</translation>
    </message>
</context>
<context>
    <name>RewardModel</name>
    <message>
        <source>Reward</source>
        <translation>奖品</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>In stock</source>
        <translation>库存</translation>
    </message>
</context>
<context>
    <name>RewardsDialog</name>
    <message>
        <source>Rewards catalogue</source>
        <translation>奖励目录</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>奖品</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>In stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Add reward</source>
        <translation>添加奖品</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Add a reward</source>
        <translation>添加一样奖品</translation>
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
        <source>Not covered by a mutual-aid group</source>
        <translation>未被互助组覆盖</translation>
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
        <translation>添加人员…</translation>
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
        <source>Counting…</source>
        <translation>正在计数…</translation>
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
        <source>Registered with the club</source>
        <translation>报到日期</translation>
    </message>
    <message>
        <source>Lunar birthday</source>
        <translation>农历生日</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Visits and reports, newest first</source>
        <translation>走访和必报记录（最新的在前）</translation>
    </message>
</context>
<context>
    <name>RotaModel</name>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>%1 day off</source>
        <translation>%1 放假</translation>
    </message>
    <message>
        <source>Day off</source>
        <translation>放假</translation>
    </message>
    <message>
        <source>%1 make-up workday</source>
        <translation>%1 调休上班</translation>
    </message>
    <message>
        <source>Make-up workday</source>
        <translation>调休上班</translation>
    </message>
    <message>
        <source>%n short</source>
        <translation>缺 %n 人</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>RotaPage</name>
    <message>
        <source>Back to this month</source>
        <translation>回到本月</translation>
    </message>
    <message>
        <source>Swap…</source>
        <translation>换班…</translation>
    </message>
    <message>
        <source>Put someone on…</source>
        <translation>安排…</translation>
    </message>
    <message>
        <source>Confirm attendance…</source>
        <translation>确认出勤…</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>更正…</translation>
    </message>
    <message>
        <source>Correct a confirmed attendance or a swap of this shift.</source>
        <translation>更正这个班已确认的出勤或换班。</translation>
    </message>
    <message>
        <source>Or double-click a full shift, or press Enter on it.</source>
        <translation>也可以双击排满的班次，或在上面按回车。</translation>
    </message>
    <message>
        <source>Or double-click a shift that is short, or press Enter on it.</source>
        <translation>也可以双击缺人的班次，或在上面按回车。</translation>
    </message>
    <message>
        <source>Record an absence…</source>
        <translation>请假登记…</translation>
    </message>
    <message>
        <source>Holidays…</source>
        <translation>节假日…</translation>
    </message>
    <message>
        <source>Shift settings…</source>
        <translation>班次设置…</translation>
    </message>
    <message>
        <source>Print (PDF)…</source>
        <translation>打印（PDF）…</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Reading the rota…</source>
        <translation>正在读取值班表…</translation>
    </message>
    <message>
        <source>The rota could not be read.</source>
        <translation>值班表读取失败。</translation>
    </message>
    <message>
        <source>No shifts run this month.</source>
        <translation>本月没有班次。</translation>
    </message>
    <message numerus="yes">
        <source>%n shifts this month</source>
        <translation>
            <numerusform>本月共 %n 个班次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n places still to fill</source>
        <translation>
            <numerusform>还缺 %n 人次</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to go to the next shift that is short.</source>
        <translation>点一下，跳到下一个缺人的班次。</translation>
    </message>
    <message>
        <source>every place is filled</source>
        <translation>全部排满</translation>
    </message>
    <message>
        <source>Only the director may do this.</source>
        <translation>只有主任可以做这件事。</translation>
    </message>
    <message>
        <source>Choose a shift</source>
        <translation>请选择一个班次</translation>
    </message>
    <message>
        <source>Choose a shift in the table to see who is on it, and to swap, put someone on it, or confirm attendance.</source>
        <translation>在表里点一个班次，这里会显示谁值班，还可以换班、安排人或确认出勤。</translation>
    </message>
    <message>
        <source>There is no “%1” on this day.</source>
        <translation>这一天没有“%1”。</translation>
    </message>
    <message>
        <source>On duty: %1</source>
        <translation>值班：%1</translation>
    </message>
    <message>
        <source>Swap: %1 took the place of %2 (%3)</source>
        <translation>换班：%1顶替%2（%3）</translation>
    </message>
    <message>
        <source>%1 — void</source>
        <translation>%1（已作废）</translation>
    </message>
    <message>
        <source>%1 — corrected</source>
        <translation>%1（已更正）</translation>
    </message>
    <message numerus="yes">
        <source>%n short</source>
        <translation>
            <numerusform>缺 %n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>attended</source>
        <translation>已出勤</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>缺勤</translation>
    </message>
    <message>
        <source>corrected</source>
        <translation>已更正</translation>
    </message>
    <message>
        <source>placed by hand</source>
        <translation>手工安排</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>The absence was recorded.</source>
        <translation>请假已登记。</translation>
    </message>
    <message>
        <source>%1 is still on %2 shifts while away (%3). Press “%4” to give them to others, or swap them one by one.</source>
        <translation>%1请假期间还排着 %2 个班（%3）。请按“%4”把这些班换给别人，或者一个一个换班。</translation>
    </message>
    <message>
        <source>Generate or repair the rota for month %1</source>
        <translation>生成/修补%1月值班表</translation>
    </message>
    <message>
        <source>Holidays missing</source>
        <translation>节假日还没有录入</translation>
    </message>
    <message>
        <source>Generate anyway</source>
        <translation>仍然生成</translation>
    </message>
    <message>
        <source>Enter the holidays first</source>
        <translation>先去录入节假日</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <source>Working out the rota for %1; this takes a few seconds…</source>
        <translation>正在排%1的值班表，要几秒钟…</translation>
    </message>
    <message>
        <source>Placed %1, %2 short, %3 changed.</source>
        <translation>安排 %1 人次，缺 %2 人次，调整 %3 处。</translation>
    </message>
    <message>
        <source>Rota for %1: %2</source>
        <translation>%1值班表：%2</translation>
    </message>
    <message>
        <source>%2/%1</source>
        <translation>%1年%2月</translation>
    </message>
    <message>
        <source>%1 %2: %3. %4</source>
        <translation>%1 %2：%3。%4</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more, in red in the table.</source>
        <translation>
            <numerusform>……还有 %n 处，见表中红字。</numerusform>
        </translation>
    </message>
    <message>
        <source>Places still to fill:</source>
        <translation>没排满的班次：</translation>
    </message>
    <message>
        <source>Every place is filled.</source>
        <translation>每个班次都排满了。</translation>
    </message>
    <message>
        <source>Rota generated</source>
        <translation>值班表已生成</translation>
    </message>
    <message>
        <source>Save the rota as PDF</source>
        <translation>把值班表存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Export the rota to Excel</source>
        <translation>把值班表导出到 Excel</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Rota saved</source>
        <translation>值班表已保存</translation>
    </message>
    <message>
        <source>The rota was saved to %1. Open it now?</source>
        <translation>值班表已保存到 %1。现在打开吗？</translation>
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
    <message>
        <source>%1 rows with errors were not imported; they are in %2 with the reasons.</source>
        <translation>有错误的 %1 行没有导入，已连同原因存在 %2 里。</translation>
    </message>
</context>
<context>
    <name>Saved</name>
    <message>
        <source>Saved: %1</source>
        <translation>已记录：%1</translation>
    </message>
    <message>
        <source>Corrected: %1</source>
        <translation>已更正：%1</translation>
    </message>
    <message>
        <source>Voided: %1</source>
        <translation>已作废：%1</translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation>已撤销：%1</translation>
    </message>
    <message>
        <source>Swapped: %1</source>
        <translation>已换班：%1</translation>
    </message>
    <message>
        <source>Attendance recorded: %1</source>
        <translation>已确认出勤：%1</translation>
    </message>
    <message>
        <source>Hours credited: %1</source>
        <translation>已记入时长：%1</translation>
    </message>
</context>
<context>
    <name>SavedNotice</name>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Void what was just saved (for a minute after saving).</source>
        <translation>作废刚刚保存的记录（保存后一分钟内可用）。</translation>
    </message>
    <message>
        <source>✓ %1</source>
        <translation>✓ %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Choose the backup folder</source>
        <translation>选择备份文件夹</translation>
    </message>
    <message>
        <source>Club name</source>
        <translation>服务社名称</translation>
    </message>
    <message>
        <source>Party branch reported to</source>
        <translation>上级党支部</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>Club</source>
        <translation>服务社</translation>
    </message>
    <message>
        <source>Must-reports are passed to this party branch unless you type another. A USB stick is a good place for backups: the copy survives if this computer breaks.</source>
        <translation>必报事项默认报给这个党支部（上报时也可以另填）。备份最好放在 U 盘上：电脑坏了，备份还在。</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
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
        <source>Lock an idle desk after</source>
        <translation>无人操作多久后锁定</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>A new language is used from the next start of the program. A desk nobody has touched for the time set locks back to the log-in, so people&apos;s details are not left on the screen.</source>
        <translation>换了语言，下次启动程序时生效。值班台超过设定的时间没人操作，就会锁回登录画面，免得大家的个人信息一直留在屏幕上。</translation>
    </message>
    <message>
        <source>Elderly members are aged</source>
        <translation>高龄党员年龄</translation>
    </message>
    <message>
        <source> and over</source>
        <translation> 岁及以上</translation>
    </message>
    <message>
        <source>Registration visit within</source>
        <translation>报到走访期限</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Hospital or special visit after</source>
        <translation>住院或特殊情况走访期限</translation>
    </message>
    <message>
        <source>Must-report overdue after</source>
        <translation>必报事项逾期期限</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>走访</translation>
    </message>
    <message>
        <source>Elderly members get festival and birthday greetings on the to-do list. A registration visit is due after a member registers with the club; a hospital or special visit after a serious-illness or emergency must-report.</source>
        <translation>高龄党员的节日慰问和生日慰问会列入待办。党员报到后要在期限内报到走访；报了重大疾病或突发事件后，要在期限内住院看望或特殊情况走访。</translation>
    </message>
    <message>
        <source>any age</source>
        <translation>不限年龄</translation>
    </message>
    <message>
        <source>from age </source>
        <translation>年满 </translation>
    </message>
    <message>
        <source>Must be covered</source>
        <translation>必须覆盖</translation>
    </message>
    <message>
        <source>Mutual aid</source>
        <translation>互助组</translation>
    </message>
    <message>
        <source>Everyone in a ticked household situation must have a mutual-aid group; the mutual-aid page lists whoever has none. An age limits a situation to people of that age and over.</source>
        <translation>勾选的家庭情况，每个人都必须有互助组；互助组页面会列出还没有覆盖的人。填了年龄的，只算这个年龄及以上的人。</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Hours earned</source>
        <translation>累计服务小时</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source>Levels, lowest first</source>
        <translation>等级（从低到高）</translation>
    </message>
    <message>
        <source>A visit counts</source>
        <translation>每次走访计</translation>
    </message>
    <message>
        <source>Time bank</source>
        <translation>时间银行</translation>
    </message>
    <message>
        <source>A volunteer reaches a level when the hours earned reach its number; spending hours never lowers a level. Each visitor is credited the hours a visit counts.</source>
        <translation>志愿者累计服务小时达到某一等级的小时数，就升到这一等级；支取或兑换小时不会降级。每次走访，每位走访人记入上面的小时数。</translation>
    </message>
    <message>
        <source>The duty desk opens as usual on days off</source>
        <translation>法定节假日值班台照常开放</translation>
    </message>
    <message>
        <source>Days off</source>
        <translation>节假日</translation>
    </message>
    <message>
        <source>Duty rota</source>
        <translation>值班表</translation>
    </message>
    <message>
        <source>The rota plans desk shifts on official days off only when this is ticked.</source>
        <translation>只有勾选这一项，排班时才会在法定节假日安排值班台的班次。</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>✓ Backups can be written to this folder</source>
        <translation>✓ 这个文件夹可以存放备份</translation>
    </message>
    <message>
        <source>The new language is used from the next start of the program.</source>
        <translation>新语言将在下次启动程序时生效。</translation>
    </message>
</context>
<context>
    <name>ShiftCorrectionDialog</name>
    <message>
        <source>Correct the shift&apos;s records</source>
        <translation>更正值班记录</translation>
    </message>
    <message>
        <source>Attendance of %1: %2</source>
        <translation>%1的出勤：%2</translation>
    </message>
    <message>
        <source>Swap: %1 took the place of %2</source>
        <translation>换班：%1顶替%2</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>出勤</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>缺勤</translation>
    </message>
    <message>
        <source>Not known yet: void the confirmation</source>
        <translation>还不清楚：作废这次出勤确认</translation>
    </message>
    <message>
        <source>Someone else took the place:</source>
        <translation>顶班的是另一个人：</translation>
    </message>
    <message>
        <source>What to correct</source>
        <translation>要更正的记录</translation>
    </message>
    <message>
        <source>What it really was</source>
        <translation>实际情况</translation>
    </message>
    <message>
        <source>Reason for the correction</source>
        <translation>更正原因</translation>
    </message>
    <message>
        <source>Save the correction (Ctrl+Enter)</source>
        <translation>保存更正（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Void the swap: %1 is back on the shift</source>
        <translation>作废这次换班：%1回到这个班上</translation>
    </message>
    <message>
        <source>Nothing on this shift has been recorded that could be corrected.</source>
        <translation>这个班还没有可更正的记录（出勤确认或换班）。</translation>
    </message>
    <message>
        <source>Choose the volunteer from the list that appears as you type.</source>
        <translation>请在输入时弹出的名单里选定志愿者。</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>回车</translation>
    </message>
    <message>
        <source>In a form: move on to the next field</source>
        <translation>在表单里：跳到下一项</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+回车</translation>
    </message>
    <message>
        <source>In a form: save</source>
        <translation>在表单里：保存</translation>
    </message>
    <message>
        <source>1 – 5</source>
        <translation>1 – 5</translation>
    </message>
    <message>
        <source>In a list of kinds: choose the kind of that number</source>
        <translation>在类别列表里：选择对应编号的类别</translation>
    </message>
    <message>
        <source>Tab / Shift+Tab</source>
        <translation>Tab / Shift+Tab</translation>
    </message>
    <message>
        <source>Next field / previous field</source>
        <translation>下一项 / 上一项</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Close the window without saving; in the roster search, clear it</source>
        <translation>关闭窗口，不保存；在花名册搜索框里：清空搜索</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>What they do</source>
        <translation>作用</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>SlotModel</name>
    <message>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>Part of day</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Skill needed</source>
        <translation>需要的技能</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>Day %1 of every month</source>
        <translation>每月%1号</translation>
    </message>
    <message>
        <source>Every day</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>Monday to Friday</source>
        <translation>周一至周五</translation>
    </message>
    <message>
        <source>Every %1</source>
        <translation>每%1</translation>
    </message>
    <message>
        <source>Morning</source>
        <translation>上午</translation>
    </message>
    <message>
        <source>Afternoon</source>
        <translation>下午</translation>
    </message>
    <message>
        <source>Evening</source>
        <translation>晚上</translation>
    </message>
    <message>
        <source>Switched off</source>
        <translation>已停用</translation>
    </message>
</context>
<context>
    <name>SlotsDialog</name>
    <message>
        <source>Shift settings</source>
        <translation>班次设置</translation>
    </message>
    <message>
        <source>e.g. Knife sharpening</source>
        <translation>例如：磨刀</translation>
    </message>
    <message>
        <source>Duty desk</source>
        <translation>值班</translation>
    </message>
    <message>
        <source>Service project</source>
        <translation>服务项目</translation>
    </message>
    <message>
        <source>Press 1–2 or choose</source>
        <translation>按 1–2 或选择</translation>
    </message>
    <message>
        <source>Morning</source>
        <translation>上午</translation>
    </message>
    <message>
        <source>Afternoon</source>
        <translation>下午</translation>
    </message>
    <message>
        <source>Evening</source>
        <translation>晚上</translation>
    </message>
    <message>
        <source>Press 1–3 or choose</source>
        <translation>按 1–3 或选择</translation>
    </message>
    <message>
        <source>e.g. 08:30</source>
        <translation>如 08:30</translation>
    </message>
    <message>
        <source>e.g. 11:30</source>
        <translation>如 11:30</translation>
    </message>
    <message>
        <source>Every week</source>
        <translation>每周</translation>
    </message>
    <message>
        <source>Every month on day %1</source>
        <translation>每月 %1 号</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>e.g. Activity room</source>
        <translation>例如：服务社活动室</translation>
    </message>
    <message>
        <source>Not needed</source>
        <translation>不需要</translation>
    </message>
    <message>
        <source>Press 1–%1 or choose</source>
        <translation>按 1–%1 或选择</translation>
    </message>
    <message>
        <source>Yes, plan it on the rota</source>
        <translation>是，排进值班表</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Part of day</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Starts at</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Ends at</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>People needed</source>
        <translation>需要人数</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Skill needed</source>
        <translation>需要的技能</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存（Ctrl+回车）</translation>
    </message>
    <message>
        <source>New shift</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Choose a shift in the list to change it, or press “New shift” to add one. A shift is never deleted: untick “In use” to stop it, and its past shifts are kept.</source>
        <translation>在列表里点一个班次可以修改它；要加一个，请按“新建”。班次不会被删除：取消勾选“启用”就停用，以前的排班记录都保留。</translation>
    </message>
    <message>
        <source>Changes take effect when the rota is generated or repaired again.</source>
        <translation>改动在重新生成或修补值班表后生效。</translation>
    </message>
    <message>
        <source>Switched off</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Change the shift “%1”</source>
        <translation>修改班次“%1”</translation>
    </message>
    <message>
        <source>Add a new shift</source>
        <translation>新建班次</translation>
    </message>
    <message>
        <source>Saved: %1.</source>
        <translation>已保存：%1。</translation>
    </message>
</context>
<context>
    <name>StatementModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>Earned</source>
        <translation>累计</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
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
    <name>SuggestDialog</name>
    <message>
        <source>Proposed mutual-aid groups</source>
        <translation>智能推荐互助组</translation>
    </message>
    <message>
        <source>Each person is offered the nearest helpers with room, those helping fewer people and the younger first. Tick the ones you agree with and press “Accept ticked”, or accept them all.</source>
        <translation>为每位被帮扶人推荐还有名额的帮扶人：住得近的、帮扶人数少的、年纪轻的优先。勾选同意的，点“采纳所选”；也可以全部采纳。</translation>
    </message>
    <message>
        <source>Director&apos;s approval: also propose volunteers who have hardships of their own</source>
        <translation>主任特批：也推荐本身有困难的志愿者</translation>
    </message>
    <message>
        <source>Accept all</source>
        <translation>全部采纳</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Working out the proposals…</source>
        <translation>正在计算推荐…</translation>
    </message>
    <message>
        <source>The proposals could not be worked out.</source>
        <translation>推荐没能算出来。</translation>
    </message>
    <message numerus="yes">
        <source>%n more helpers needed: %1</source>
        <translation>
            <numerusform>还缺 %n 位帮扶人：%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n people can be given helpers now.</source>
        <translation>
            <numerusform>现在可以为 %n 人安排帮扶人。</numerusform>
        </translation>
    </message>
    <message>
        <source>No proposals: no volunteer with room lives near the people still uncovered.</source>
        <translation>没有推荐：未覆盖的人附近没有还有名额的志愿者。</translation>
    </message>
    <message>
        <source>Everyone who must be covered has a group. Nothing to propose.</source>
        <translation>应覆盖的人都有互助组了，无需推荐。</translation>
    </message>
    <message numerus="yes">
        <source>Still uncovered after these proposals: %n</source>
        <translation>
            <numerusform>采纳这些推荐后仍未覆盖的人（%n 人）</numerusform>
        </translation>
    </message>
    <message>
        <source>With these proposals everyone who must be covered has helpers.</source>
        <translation>采纳这些推荐后，应覆盖的人就都有帮扶人了。</translation>
    </message>
    <message>
        <source>Accept ticked (%1)</source>
        <translation>采纳所选（%1）</translation>
    </message>
    <message>
        <source>Nothing was accepted: %1. The proposals have been worked out again; please look through them once more.</source>
        <translation>没有采纳：%1。推荐已重新计算，请再看一遍。</translation>
    </message>
    <message numerus="yes">
        <source>%n mutual-aid groups formed.</source>
        <translation>
            <numerusform>已成立 %n 个互助组。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n existing groups were given more helpers.</source>
        <translation>
            <numerusform>%n 个原有互助组增加了帮扶人。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SwapDialog</name>
    <message>
        <source>Swap a shift</source>
        <translation>换班</translation>
    </message>
    <message>
        <source>e.g. in hospital; Li Xiuying takes the shift</source>
        <translation>例如：住院，由李秀英替班</translation>
    </message>
    <message>
        <source>Who is replaced</source>
        <translation>被替换的人</translation>
    </message>
    <message>
        <source>Who takes the place</source>
        <translation>接替的人</translation>
    </message>
    <message>
        <source>Reason for the swap</source>
        <translation>换班原因</translation>
    </message>
    <message>
        <source>Swap (Ctrl+Enter)</source>
        <translation>换班（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose the volunteer from the list that appears as you type.</source>
        <translation>请在输入时弹出的名单里选中一位志愿者。</translation>
    </message>
</context>
<context>
    <name>TimeBank</name>
    <message>
        <source>Deposit</source>
        <translation>存入</translation>
    </message>
    <message>
        <source>Withdrawal</source>
        <translation>支取</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>兑换</translation>
    </message>
    <message>
        <source>Reversal</source>
        <translation>冲正</translation>
    </message>
</context>
<context>
    <name>TimeBankPage</name>
    <message>
        <source>Type part of a name</source>
        <translation>输入姓名的一部分</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Credit from visits and shifts</source>
        <translation>从走访和值班记入</translation>
    </message>
    <message>
        <source>Rewards catalogue…</source>
        <translation>奖励目录…</translation>
    </message>
    <message>
        <source>Certificates register…</source>
        <translation>证明登记簿…</translation>
    </message>
    <message>
        <source>Yearly awards…</source>
        <translation>年度评选…</translation>
    </message>
    <message>
        <source>Credit hours…</source>
        <translation>记入时长…</translation>
    </message>
    <message>
        <source>Withdraw hours…</source>
        <translation>支取时长…</translation>
    </message>
    <message>
        <source>Exchange for a reward…</source>
        <translation>兑换奖励…</translation>
    </message>
    <message>
        <source>Print the statement…</source>
        <translation>打印时长明细…</translation>
    </message>
    <message>
        <source>Issue a certificate…</source>
        <translation>开具证明…</translation>
    </message>
    <message>
        <source>Credit from visits and shifts (%1 waiting)</source>
        <translation>从走访和值班记入（%1 笔待记入）</translation>
    </message>
    <message numerus="yes">
        <source>%n volunteers</source>
        <translation>
            <numerusform>%n 位志愿者</numerusform>
        </translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>更正…</translation>
    </message>
    <message>
        <source>Void…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <source>Feedback…</source>
        <translation>群众评价…</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>时长明细</translation>
    </message>
    <message>
        <source>Choose a volunteer in the list to see their statement here.</source>
        <translation>在左边名单里选一位志愿者，这里显示其时长明细。</translation>
    </message>
    <message>
        <source>%1: balance %2 hours, earned %3 hours</source>
        <translation>%1：余额 %2 小时，累计 %3 小时</translation>
    </message>
    <message>
        <source>At the highest level.</source>
        <translation>已是最高等级。</translation>
    </message>
    <message>
        <source>%1 more hours to become %2</source>
        <translation>再得 %1 小时升为%2</translation>
    </message>
    <message>
        <source>Save the statement</source>
        <translation>保存时长明细</translation>
    </message>
    <message>
        <source>Time bank</source>
        <translation>时间银行</translation>
    </message>
    <message numerus="yes">
        <source>Credited %n entries</source>
        <translation>
            <numerusform>记入 %n 笔</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VisitCorrectionDialog</name>
    <message>
        <source>Correct a visit</source>
        <translation>更正走访记录</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>Log a visit</source>
        <translation>记录走访</translation>
    </message>
    <message>
        <source>Press 1–5 or choose</source>
        <translation>按 1–5 或点选</translation>
    </message>
    <message>
        <source>e.g. 2025-11-20</source>
        <translation>如 2025-11-20</translation>
    </message>
    <message>
        <source>e.g. took a box of milk; helped fill in the hospital form</source>
        <translation>如：带去牛奶一箱；帮忙填住院单</translation>
    </message>
    <message>
        <source>Leave empty if no follow-up visit is needed</source>
        <translation>不需要回访就空着</translation>
    </message>
    <message>
        <source>Why it is due: %1</source>
        <translation>待办原因：%1</translation>
    </message>
    <message>
        <source>%1 is logged as kind %2, %3.</source>
        <translation>%1记作第 %2 类：%3。</translation>
    </message>
    <message>
        <source>For the must-report: %1</source>
        <translation>关于必报事项：%1</translation>
    </message>
    <message>
        <source>Person visited</source>
        <translation>被走访人</translation>
    </message>
    <message>
        <source>Kind of visit</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Visited by</source>
        <translation>走访人</translation>
    </message>
    <message>
        <source>What was brought or done</source>
        <translation>带去的东西或做的事</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Follow-up visit on</source>
        <translation>回访日期</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose the person from the list that appears as you type.</source>
        <translation>请在输入时弹出的名单里选中被走访的人。</translation>
    </message>
    <message>
        <source>Choose the volunteer from the list that appears as you type.</source>
        <translation>请在输入时弹出的名单里选中走访的志愿者。</translation>
    </message>
</context>
<context>
    <name>VisitModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Person visited</source>
        <translation>被走访人</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Visited by</source>
        <translation>走访人</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Follow-up on</source>
        <translation>回访日期</translation>
    </message>
</context>
<context>
    <name>VisitorList</name>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Make lead</source>
        <translation>设为组长</translation>
    </message>
    <message>
        <source>Lead: %1</source>
        <translation>组长：%1</translation>
    </message>
</context>
<context>
    <name>VisitsPage</name>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Last three months</source>
        <translation>近三个月</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Log a visit…</source>
        <translation>记录走访…</translation>
    </message>
    <message numerus="yes">
        <source>%n visits</source>
        <translation>
            <numerusform>共 %n 次走访</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Visited by: %1</source>
        <translation>走访人：%1</translation>
    </message>
    <message>
        <source>Follow-up visit on %1</source>
        <translation>回访日期：%1</translation>
    </message>
    <message>
        <source>What it cleared from the to-do list comes back, and the hours credited for it are reversed.</source>
        <translation>它消掉的待办会重新出现，为它记入的时长会冲回。</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <source>Void an entry</source>
        <translation>作废记录</translation>
    </message>
    <message>
        <source>The entry stays in the records, marked “void”, and counts no more. %1</source>
        <translation>这条记录仍然保留，标为“已作废”，不再计入统计。%1</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Void (Ctrl+Enter)</source>
        <translation>作废（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <source>Withdraw hours</source>
        <translation>支取时长</translation>
    </message>
    <message>
        <source>The help the hours are for</source>
        <translation>支取时长换来的帮助</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Given in the visit</source>
        <translation>在哪次走访中得到帮助</translation>
    </message>
    <message>
        <source>Help received</source>
        <translation>得到的帮助</translation>
    </message>
    <message>
        <source>Withdraw (Ctrl+Enter)</source>
        <translation>支取（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Not a recorded visit</source>
        <translation>不是记录过的走访</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 小时</translation>
    </message>
</context>
<context>
    <name>_JobPage</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Backing up the data first…</source>
        <translation>正在先备份数据…</translation>
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
</context>
<context>
    <name>_PersonForm</name>
    <message>
        <source>Choose the volunteer from the list that appears as you type.</source>
        <translation>请在输入时弹出的名单里选定志愿者。</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>Save the certificate</source>
        <translation>保存证明</translation>
    </message>
</context>
<context>
    <name>widgets</name>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved to %1. Open it now to print?</source>
        <translation>已保存到 %1。现在打开并打印吗？</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>全部年份</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>%1 is on duty now.</source>
        <translation>现在由 %1 值班。</translation>
    </message>
</context>
</TS>
