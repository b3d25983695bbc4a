<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
  <context>
    <name>screens</name>
    <message>
      <source>业务办理指引</source>
      <translation>How to get this done</translation>
    </message>
    <message>
      <source>本业务暂不能在自助终端办结。</source>
      <translation>This service cannot be completed at a self-service terminal.</translation>
    </message>
    <message>
      <source>请用 e福州 App 扫描二维码继续办理。</source>
      <translation>Scan the QR code with the e福州 app to continue.</translation>
    </message>
    <message>
      <source>人工窗口：</source>
      <translation>Staffed window: </translation>
    </message>
    <message>
      <source>返回业务列表</source>
      <translation>Back to services</translation>
    </message>
    <message>
      <source>请到大厅人工服务窗口</source>
      <translation>the staffed service windows of this hall</translation>
    </message>
    <message>
      <source>暂停服务</source>
      <translation>Paused</translation>
    </message>
    <message>
      <source>空格</source>
      <translation>Space</translation>
    </message>
    <message>
      <source>清空</source>
      <translation>Clear</translation>
    </message>
    <message>
      <source>上一页</source>
      <translation>Previous page</translation>
    </message>
    <message>
      <source>下一页</source>
      <translation>Next page</translation>
    </message>
    <message>
      <source>部分暂停</source>
      <translation>partly paused</translation>
    </message>
    <message>
      <source>输入拼音首字母，例如“社保缴费”输入 SBJF</source>
      <translation>Type pinyin initials, e.g. SBJF for 社保缴费</translation>
    </message>
    <message>
      <source>输入英文单词的开头（例如 PASSPORT）或拼音首字母</source>
      <translation>Type the start of English words (e.g. PASSPORT) or pinyin initials</translation>
    </message>
    <message>
      <source>删除</source>
      <translation>Delete</translation>
    </message>
    <message>
      <source>第 {page} / {pages} 页</source>
      <translation>Page {page} of {pages}</translation>
    </message>
    <message numerus="yes">
      <source>{n} 项</source>
      <translation>
        <numerusform>{n} service</numerusform>
        <numerusform>{n} services</numerusform>
      </translation>
    </message>
    <message>
      <source>本机暂停服务</source>
      <translation>This terminal is closed</translation>
    </message>
    <message>
      <source>请到人工窗口办理，或使用附近的其他自助终端。给您带来不便，敬请谅解。</source>
      <translation>Please go to a service counter or use another self-service terminal nearby. We apologise for the inconvenience.</translation>
    </message>
    <message>
      <source>本机服务时间 {hours}，欢迎届时使用</source>
      <translation>Opening hours: {hours}. You are welcome then.</translation>
    </message>
    <message>
      <source>仅为本次业务使用，不保存照片；办理结束或离开后，本机立即清除您的信息。</source>
      <translation>Used for this request only; your photo is not kept. Your details are erased from this terminal as soon as you finish or leave.</translation>
    </message>
    <message>
      <source>同意并继续</source>
      <translation>Agree and continue</translation>
    </message>
    <message>
      <source>不同意</source>
      <translation>Do not agree</translation>
    </message>
    <message>
      <source>放大查看</source>
      <translation>Enlarge</translation>
    </message>
    <message>
      <source>打印份数（最多 3 份）</source>
      <translation>Copies (up to 3)</translation>
    </message>
    <message>
      <source>开始打印</source>
      <translation>Print</translation>
    </message>
    <message>
      <source>正在打印，请稍候</source>
      <translation>Printing, please wait</translation>
    </message>
    <message>
      <source>打印机正在处理</source>
      <translation>The printer is working</translation>
    </message>
    <message>
      <source>打印过程中请不要离开，纸张从下方出纸口送出。</source>
      <translation>Please stay while printing. Your document comes out of the slot below.</translation>
    </message>
    <message>
      <source>请确认取件</source>
      <translation>Please confirm the pickup</translation>
    </message>
    <message>
      <source>本机将核对您的身份证与登记时是否一致。</source>
      <translation>This terminal will check that your ID card is the one used for the request.</translation>
    </message>
    <message>
      <source>请确认领取营业执照</source>
      <translation>Please confirm collecting the business licence</translation>
    </message>
    <message>
      <source>本机将核对您是否为法定代表人或授权人员。</source>
      <translation>This terminal will check that you are the legal representative or an authorised person.</translation>
    </message>
    <message>
      <source>请确认授权</source>
      <translation>Please confirm your consent</translation>
    </message>
    <message>
      <source>第 {i} / {n} 页</source>
      <translation>Page {i} of {n}</translation>
    </message>
    <message numerus="yes">
      <source>请核对证明内容。共 {n} 页，A4 纸打印。</source>
      <translation>
        <numerusform>Please check the document: {n} page, printed on A4.</numerusform>
        <numerusform>Please check the document: {n} pages, printed on A4.</numerusform>
      </translation>
    </message>
    <message>
      <source>已提交到打印机</source>
      <translation>Sent to the printer</translation>
    </message>
    <message>
      <source>等待打印机</source>
      <translation>Waiting for the printer</translation>
    </message>
    <message>
      <source>打印机正在出纸</source>
      <translation>Printing the pages</translation>
    </message>
    <message>
      <source>打印完成</source>
      <translation>Printed</translation>
    </message>
    <message>
      <source>，</source>
      <translation>, </translation>
    </message>
    <message numerus="yes">
      <source>{n} 份</source>
      <translation>
        <numerusform>{n} copy</numerusform>
        <numerusform>{n} copies</numerusform>
      </translation>
    </message>
    <message>
      <source>已读取：{name} 的证件。如果不是您本人的证件，请点“不同意”。</source>
      <translation>Card read: {name}. If this is not your own card, please touch "Do not agree".</translation>
    </message>
    <message>
      <source>用途：打印您此前登记的《{name}》。</source>
      <translation>Purpose: to print the {name} you requested earlier.</translation>
    </message>
    <message numerus="yes">
      <source>副本 {n} 份</source>
      <translation>
        <numerusform>{n} duplicate</numerusform>
        <numerusform>{n} duplicates</numerusform>
      </translation>
    </message>
    <message>
      <source>用途：打印{company}的营业执照。</source>
      <translation>Purpose: to print the business licence of {company}.</translation>
    </message>
    <message>
      <source>本服务将使用：</source>
      <translation>This service uses: </translation>
    </message>
    <message>
      <source>姓名、公民身份号码</source>
      <translation>your name and citizen ID number</translation>
    </message>
    <message>
      <source>用途：向主管部门查询您的记录并出具《{name}》。</source>
      <translation>Purpose: to look up your records with the responsible authority and issue the {name}.</translation>
    </message>
    <message numerus="yes">
      <source>正本 {n} 份</source>
      <translation>
        <numerusform>{n} original</numerusform>
        <numerusform>{n} originals</numerusform>
      </translation>
    </message>
    <message>
      <source>下一步：评价本次服务</source>
      <translation>Next: rate this service</translation>
    </message>
    <message>
      <source>请您对本次服务进行评价</source>
      <translation>Please rate this service</translation>
    </message>
    <message>
      <source>请选择不满意的原因（可多选，可不选）</source>
      <translation>What went wrong? (choose any, or none)</translation>
    </message>
    <message>
      <source>跳过</source>
      <translation>Skip</translation>
    </message>
    <message>
      <source>提交评价</source>
      <translation>Submit rating</translation>
    </message>
    <message>
      <source>您的信息已从本机清除。祝您生活愉快！</source>
      <translation>Your details have been erased from this terminal. Have a nice day!</translation>
    </message>
    <message>
      <source>返回首页</source>
      <translation>Home</translation>
    </message>
    <message>
      <source>打印完成，请取走您的营业执照</source>
      <translation>Printed. Please take your business licence</translation>
    </message>
    <message>
      <source>打印完成，请取走您的证明</source>
      <translation>Done. Please take your document</translation>
    </message>
    <message>
      <source>正在打印凭条…</source>
      <translation>Printing your receipt…</translation>
    </message>
    <message>
      <source>本次业务未能完成，也请告诉我们您的感受。</source>
      <translation>Your request could not be completed. Please tell us how it went.</translation>
    </message>
    <message>
      <source>您的评价将帮助我们改进服务（好差评）</source>
      <translation>Your rating helps us improve our service</translation>
    </message>
    <message>
      <source>感谢您的评价</source>
      <translation>Thank you for your rating</translation>
    </message>
    <message>
      <source>感谢您的使用</source>
      <translation>Thank you</translation>
    </message>
    <message>
      <source>凭条已打印，请一并取走。</source>
      <translation>Your receipt has been printed; please take it too.</translation>
    </message>
    <message>
      <source>凭条打印机暂不可用，证明本身不受影响。</source>
      <translation>The receipt printer is unavailable; your document is not affected.</translation>
    </message>
    <message>
      <source>{n} 秒后自动返回首页</source>
      <translation>Back to the start in {n} s</translation>
    </message>
    <message>
      <source>其余执照没有打印完成，工作人员会核实，本机不会重复打印。请联系大厅工作人员。</source>
      <translation>The other licence sheets were not printed. Staff will check them; this terminal will not print them again. Please ask the hall staff.</translation>
    </message>
    <message numerus="yes">
      <source>《{name}》共 {n} 份</source>
      <translation>
        <numerusform>{name}: {n} copy</numerusform>
        <numerusform>{name}: {n} copies</numerusform>
      </translation>
    </message>
    <message>
      <source>扫码在手机上办理</source>
      <translation>Continue on your phone</translation>
    </message>
    <message>
      <source>可自助打印</source>
      <translation>Print here</translation>
    </message>
    <message>
      <source>搜索业务</source>
      <translation>Search</translation>
    </message>
    <message>
      <source>请选择您要办理的业务</source>
      <translation>What would you like to do?</translation>
    </message>
    <message>
      <source>放置身份证或扫e福州码，自助打印证明</source>
      <translation>Place your ID card on the reader or scan your e-Fuzhou code to print certificates</translation>
    </message>
    <message>
      <source>e福州 自助服务</source>
      <translation>e-Fuzhou Self-Service</translation>
    </message>
    <message>
      <source>社保 · 医保 · 公积金 · 不动产 · 营业执照，一站自助打印</source>
      <translation>Social insurance · Medical insurance · Housing fund · Real estate · Business licence — all in one place</translation>
    </message>
    <message>
      <source>轻触屏幕开始办理</source>
      <translation>Touch the screen to start</translation>
    </message>
    <message>
      <source>取件</source>
      <translation>Pickup</translation>
    </message>
    <message>
      <source>凭取件码打印</source>
      <translation>Print with a pickup code</translation>
    </message>
    <message>
      <source>本机常用</source>
      <translation>Used most here</translation>
    </message>
    <message>
      <source>没有找到相关业务，请换个关键字，或到人工窗口咨询</source>
      <translation>Nothing found: try other letters, or ask at a staffed window</translation>
    </message>
    <message numerus="yes">
      <source>共 {n} 项业务，请选择</source>
      <translation>
        <numerusform>{n} service: please choose it</numerusform>
        <numerusform>{n} services: please choose one</numerusform>
      </translation>
    </message>
    <message>
      <source>或打开e福州App，将身份码对准扫码口</source>
      <translation>Or open the e-Fuzhou app and hold your ID code to the scanner</translation>
    </message>
    <message>
      <source>您的证件信息仅用于本次业务，办理结束后立即清除。</source>
      <translation>Your card details are used for this request only and erased when you finish.</translation>
    </message>
    <message>
      <source>请法定代表人或授权人员放置身份证</source>
      <translation>The legal representative or an authorised person: please place your ID card on the reader</translation>
    </message>
    <message>
      <source>将身份证平放在下方读卡区</source>
      <translation>Lay your ID card flat on the reader below</translation>
    </message>
    <message>
      <source>正在核验身份…</source>
      <translation>Verifying your identity…</translation>
    </message>
    <message>
      <source>正在生成证明…</source>
      <translation>Preparing your document…</translation>
    </message>
    <message>
      <source>请放置办理时使用的身份证</source>
      <translation>Please place the ID card you used for the request</translation>
    </message>
    <message>
      <source>将办理时使用的身份证平放在下方读卡区</source>
      <translation>Lay the ID card you used for the request flat on the reader below</translation>
    </message>
    <message>
      <source>请验证您的身份</source>
      <translation>Please verify your identity</translation>
    </message>
    <message>
      <source>将身份证或社保卡平放在下方读卡区</source>
      <translation>Place your ID card or social security card flat on the reader below</translation>
    </message>
    <message>
      <source>请稍候</source>
      <translation>Please wait</translation>
    </message>
    <message>
      <source>读卡成功，请取走您的身份证</source>
      <translation>Card read. Please take your ID card.</translation>
    </message>
    <message>
      <source>读卡成功，请取走您的社保卡</source>
      <translation>Card read. Please take your social security card.</translation>
    </message>
    <message>
      <source>确定</source>
      <translation>OK</translation>
    </message>
    <message>
      <source>营业执照打印</source>
      <translation>Business licence printing</translation>
    </message>
    <message>
      <source>请扫描核准通知书上的二维码，或输入18位统一社会信用代码</source>
      <translation>Scan the QR code on the approval notice, or enter the 18-character unified social credit code</translation>
    </message>
    <message>
      <source>请输入凭条上的8位取件码，或扫描凭条上的二维码</source>
      <translation>Enter the 8-digit pickup code on your receipt, or scan the receipt's QR code</translation>
    </message>
    <message>
      <source>请选择打印份数</source>
      <translation>Choose how many to print</translation>
    </message>
    <message>
      <source>正本（A3）最多 {n} 份</source>
      <translation>Original (A3), up to {n}</translation>
    </message>
    <message>
      <source>副本（A4）最多 {n} 份</source>
      <translation>Duplicate (A4), up to {n}</translation>
    </message>
    <message>
      <source>请登记执照纸编号</source>
      <translation>Record the licence sheet numbers</translation>
    </message>
    <message>
      <source>由工作人员补登</source>
      <translation>Staff will record them</translation>
    </message>
    <message>
      <source>等待装纸…</source>
      <translation>Waiting for paper…</translation>
    </message>
    <message>
      <source>开始打印营业执照</source>
      <translation>Print the business licence</translation>
    </message>
    <message>
      <source>已登记：</source>
      <translation>Recorded: </translation>
    </message>
    <message>
      <source>确认编号</source>
      <translation>Confirm numbers</translation>
    </message>
    <message>
      <source>执照使用带编号的专用纸，由本机自动送纸；如提示缺纸，请联系工作人员装纸。</source>
      <translation>Licences print on numbered security paper fed by the terminal. If it runs out, staff will load more.</translation>
    </message>
    <message numerus="yes">
      <source>已打印 {n} 张。请输入或扫描每张执照纸上印好的编号（{i}/{n}）</source>
      <translation>
        <numerusform>{n} sheet printed. Type or scan the number printed on it ({i}/{n})</numerusform>
        <numerusform>{n} sheets printed. Type or scan the number printed on each sheet ({i}/{n})</numerusform>
      </translation>
    </message>
    <message>
      <source>无</source>
      <translation>none</translation>
    </message>
    <message>
      <source>登记第 {i} 张编号</source>
      <translation>Record sheet {i}</translation>
    </message>
    <message>
      <source>暂时无法连接服务平台</source>
      <translation>The service platform cannot be reached right now</translation>
    </message>
    <message>
      <source>不用了</source>
      <translation>No, thanks</translation>
    </message>
    <message>
      <source>登记并获取取件码</source>
      <translation>Register and get a pickup code</translation>
    </message>
    <message>
      <source>登记成功，您的取件码是</source>
      <translation>Registered. Your pickup code is</translation>
    </message>
    <message>
      <source>网络恢复后证明会自动准备好。请凭取件码和本人身份证，在首页点“取件”打印。</source>
      <translation>Your document will be prepared automatically when the network is back. Then tap "Pickup" on the home screen and use this code with your own ID card.</translation>
    </message>
    <message>
      <source>取件码已打印在凭条上，请妥善保管。</source>
      <translation>The pickup code is on your receipt. Please keep it safe.</translation>
    </message>
    <message>
      <source>凭条打印机暂不可用，请记下取件码。</source>
      <translation>The receipt printer is unavailable. Please write down the pickup code.</translation>
    </message>
    <message>
      <source>您可以现在登记，本机会在网络恢复后自动准备《{name}》。届时请凭凭条上的取件码和本人身份证，在首页点“取件”打印。</source>
      <translation>You can register now and this terminal will prepare the {name} when the network is back. Then tap "Pickup" on the home screen and use the code on your receipt with your own ID card.</translation>
    </message>
    <message>
      <source>取件码</source>
      <translation>Pickup code</translation>
    </message>
    <message>
      <source>音量</source>
      <translation>Volume</translation>
    </message>
    <message>
      <source>已选中</source>
      <translation>selected</translation>
    </message>
    <message>
      <source>暂不可用</source>
      <translation>not available now</translation>
    </message>
    <message>
      <source>取走证件后，本机自动返回首页。</source>
      <translation>Once you take your card, the terminal returns to the start.</translation>
    </message>
    <message>
      <source>没有改动</source>
      <translation>No changes</translation>
    </message>
    <message>
      <source>已保存，并已立即生效。</source>
      <translation>Saved and applied now.</translation>
    </message>
    <message>
      <source>已保存。以下设置需要重启后生效：</source>
      <translation>Saved. These settings take effect after a restart:</translation>
    </message>
    <message>
      <source>未保存</source>
      <translation>Not saved</translation>
    </message>
    <message>
      <source>技术员登录</source>
      <translation>Technician sign-in</translation>
    </message>
    <message>
      <source>清除</source>
      <translation>Clear</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>技术员模式</source>
      <translation>Technician mode</translation>
    </message>
    <message>
      <source>离开技术员模式</source>
      <translation>Leave technician mode</translation>
    </message>
    <message>
      <source>本机尚未设置技术员 PIN：请在控制台运行 python -m kiosk.diag set-pin</source>
      <translation>No technician PIN is set on this terminal: run python -m kiosk.diag set-pin on its console</translation>
    </message>
    <message>
      <source>无操作 {m}:{s:02d} 后自动退出</source>
      <translation>Leaves automatically after {m}:{s:02d} without a touch</translation>
    </message>
    <message>
      <source>PIN 不正确，还可尝试 {n} 次</source>
      <translation>Wrong PIN: {n} tries left</translation>
    </message>
    <message>
      <source>错误次数过多，已锁定，请 {n} 分钟后再试</source>
      <translation>Too many wrong PINs: locked, try again in {n} min</translation>
    </message>
    <message>
      <source>终端配置</source>
      <translation>Terminal configuration</translation>
    </message>
    <message>
      <source>检查并保存</source>
      <translation>Check and save</translation>
    </message>
    <message>
      <source>放弃修改</source>
      <translation>Discard changes</translation>
    </message>
    <message>
      <source>正在检查…</source>
      <translation>Checking…</translation>
    </message>
    <message>
      <source>平台可远程设置的项目（当前值 · 来源）</source>
      <translation>Keys the platform may set remotely (value in effect · from)</translation>
    </message>
    <message>
      <source>平台</source>
      <translation>platform</translation>
    </message>
    <message>
      <source>终端配置文件</source>
      <translation>terminal file</translation>
    </message>
    <message>
      <source>默认值</source>
      <translation>default</translation>
    </message>
    <message>
      <source>网络与平台</source>
      <translation>Network &amp; platform</translation>
    </message>
    <message>
      <source>测试连接</source>
      <translation>Test the connection</translation>
    </message>
    <message>
      <source>终端密钥登记</source>
      <translation>Terminal secret enrolment</translation>
    </message>
    <message>
      <source>输入或扫描平台发放的一次性登记码（EFZ1 开头）。登记码输入后不再显示。</source>
      <translation>Type or scan the one-time enrolment code issued by the platform (starting EFZ1). It is not shown again once entered.</translation>
    </message>
    <message>
      <source>登记</source>
      <translation>Enrol</translation>
    </message>
    <message>
      <source>正在测试…</source>
      <translation>Testing…</translation>
    </message>
    <message>
      <source>无法读取</source>
      <translation>Cannot read</translation>
    </message>
    <message>
      <source>驱动</source>
      <translation>Driver</translation>
    </message>
    <message>
      <source>终端编号</source>
      <translation>Terminal id</translation>
    </message>
    <message>
      <source>登记失败</source>
      <translation>Enrolment failed</translation>
    </message>
    <message>
      <source>密钥已写入 {path}。签名请求立即使用新密钥；缓存文档与待取件不受影响（由本机数据密钥加密）。</source>
      <translation>Secret written to {path}. Signed requests use it at once; cached documents and pickups are not affected (they are encrypted with this terminal's local data key).</translation>
    </message>
    <message>
      <source>串口</source>
      <translation>Serial port</translation>
    </message>
    <message>
      <source>CUPS 打印队列</source>
      <translation>CUPS queue</translation>
    </message>
    <message>
      <source>地址</source>
      <translation>Address</translation>
    </message>
    <message>
      <source>平台地址</source>
      <translation>Platform URL</translation>
    </message>
    <message>
      <source>校验通过</source>
      <translation>check passed</translation>
    </message>
    <message>
      <source>校验失败</source>
      <translation>check failed</translation>
    </message>
    <message>
      <source>已补纸</source>
      <translation>Refilled</translation>
    </message>
    <message>
      <source>设备状态与自检</source>
      <translation>Devices and self-tests</translation>
    </message>
    <message>
      <source>执照打印机校准</source>
      <translation>Licence printer calibration</translation>
    </message>
    <message>
      <source>水平 X</source>
      <translation>Horizontal X</translation>
    </message>
    <message>
      <source>垂直 Y</source>
      <translation>Vertical Y</translation>
    </message>
    <message>
      <source>打印校准页</source>
      <translation>Print calibration page</translation>
    </message>
    <message>
      <source>保存偏移</source>
      <translation>Save offset</translation>
    </message>
    <message>
      <source>恢复已保存</source>
      <translation>Restore saved</translation>
    </message>
    <message>
      <source>未配置</source>
      <translation>Not configured</translation>
    </message>
    <message>
      <source>20 秒内没有读到</source>
      <translation>Nothing read within 20 s</translation>
    </message>
    <message>
      <source>未配置执照打印机</source>
      <translation>No licence printer configured</translation>
    </message>
    <message>
      <source>再打印核对，满意后保存。X 为正：内容右移；Y 为正：内容下移。</source>
      <translation>Print again to check, then save. Positive X moves content right; positive Y moves it down.</translation>
    </message>
    <message>
      <source>补纸记录失败</source>
      <translation>Refill not recorded</translation>
    </message>
    <message>
      <source>已记录补纸</source>
      <translation>Refill recorded</translation>
    </message>
    <message>
      <source>请在扫码器前出示任意二维码</source>
      <translation>Show any QR code to the scanner</translation>
    </message>
    <message>
      <source>请将证件放到读卡区</source>
      <translation>Place a card on the reader</translation>
    </message>
    <message>
      <source>打印校准页，量出十字中心到纸边的距离，与标称值比较后调整偏移（每步 0.1 毫米）。</source>
      <translation>Print the calibration page, measure from each crosshair centre to the paper edge, compare with the nominal value and adjust the offset (0.1 mm steps).</translation>
    </message>
    <message>
      <source>正在打印校准页（X {x:+.1f} mm，Y {y:+.1f} mm）…</source>
      <translation>Printing the calibration page (X {x:+.1f} mm, Y {y:+.1f} mm)…</translation>
    </message>
    <message>
      <source>打印失败</source>
      <translation>Printing failed</translation>
    </message>
    <message>
      <source>上次错误</source>
      <translation>Last error</translation>
    </message>
    <message>
      <source>自上次补纸已打印 {n} 张</source>
      <translation>{n} sheets since the last refill</translation>
    </message>
    <message>
      <source>失败</source>
      <translation>Failed</translation>
    </message>
    <message>
      <source>未打印</source>
      <translation>Not printed</translation>
    </message>
    <message>
      <source>扫到</source>
      <translation>Scanned</translation>
    </message>
    <message>
      <source>约剩 {n} 张</source>
      <translation>about {n} sheets left</translation>
    </message>
    <message>
      <source>已记录补纸，装入 {n} 张</source>
      <translation>Refill recorded: {n} sheets loaded</translation>
    </message>
    <message numerus="yes">
      <source>已打印 {n} 页</source>
      <translation>
        <numerusform>{n} page printed</numerusform>
        <numerusform>{n} pages printed</numerusform>
      </translation>
    </message>
    <message>
      <source>读卡成功</source>
      <translation>Card read</translation>
    </message>
    <message>
      <source>读卡失败</source>
      <translation>Card not read</translation>
    </message>
    <message>
      <source>校准页已打印（X {x:+.1f} mm，Y {y:+.1f} mm）</source>
      <translation>Calibration page printed (X {x:+.1f} mm, Y {y:+.1f} mm)</translation>
    </message>
    <message>
      <source>任务队列</source>
      <translation>Job queue</translation>
    </message>
    <message>
      <source>立即同步</source>
      <translation>Sync now</translation>
    </message>
    <message>
      <source>清除过期文档</source>
      <translation>Purge expired documents</translation>
    </message>
    <message>
      <source>待核实的任务（打印中断）</source>
      <translation>Jobs to verify (printing interrupted)</translation>
    </message>
    <message>
      <source>从未</source>
      <translation>never</translation>
    </message>
    <message>
      <source>在线</source>
      <translation>online</translation>
    </message>
    <message>
      <source>已打印出来</source>
      <translation>It was printed</translation>
    </message>
    <message>
      <source>没有打印出来</source>
      <translation>It was not printed</translation>
    </message>
    <message>
      <source>已开始同步</source>
      <translation>Sync started</translation>
    </message>
    <message>
      <source>导出诊断信息</source>
      <translation>Export diagnostics</translation>
    </message>
    <message>
      <source>导出日志、配置（不含密钥）、设备状态与队列统计为 zip 文件；个人信息已遮蔽。</source>
      <translation>Exports logs, config (without the secret), device status and queue counts as a zip file; personal data is masked.</translation>
    </message>
    <message>
      <source>导出</source>
      <translation>Export</translation>
    </message>
    <message>
      <source>正在导出…</source>
      <translation>Exporting…</translation>
    </message>
    <message>
      <source>离线</source>
      <translation>Offline</translation>
    </message>
    <message>
      <source>未知</source>
      <translation>unknown</translation>
    </message>
    <message>
      <source>无法读取队列</source>
      <translation>Cannot read the queue</translation>
    </message>
    <message>
      <source>待发送事件 {n} 条 · 平台{online} · 上次成功同步 {last}</source>
      <translation>{n} events to send · platform {online} · last successful sync {last}</translation>
    </message>
    <message>
      <source>U 盘</source>
      <translation>USB stick</translation>
    </message>
    <message>
      <source>本机文件夹</source>
      <translation>Local folder</translation>
    </message>
    <message>
      <source>导出失败</source>
      <translation>Export failed</translation>
    </message>
    <message>
      <source>已导出到 {path}（{kb} KB）</source>
      <translation>Exported to {path} ({kb} KB)</translation>
    </message>
    <message>
      <source>无法更新任务</source>
      <translation>Cannot update the job</translation>
    </message>
    <message>
      <source>已记录：</source>
      <translation>Recorded: </translation>
    </message>
    <message>
      <source>已打印</source>
      <translation>Printed</translation>
    </message>
    <message numerus="yes">
      <source>已清除 {n} 份过期文档</source>
      <translation>
        <numerusform>{n} expired document purged</numerusform>
        <numerusform>{n} expired documents purged</numerusform>
      </translation>
    </message>
    <message>
      <source>退出与重启</source>
      <translation>Exit and restart</translation>
    </message>
    <message>
      <source>重启：程序退出后由系统自动重新启动。退出到桌面：程序退出且不再自动启动，仅供维护。</source>
      <translation>Restart: the program exits and the system starts it again. Exit to desktop: the program exits and is not restarted; for maintenance only.</translation>
    </message>
    <message>
      <source>离开技术员模式，回到首页</source>
      <translation>Leave technician mode and go home</translation>
    </message>
    <message>
      <source>再按一次确认重启</source>
      <translation>Tap again to confirm the restart</translation>
    </message>
    <message>
      <source>重启自助终端程序</source>
      <translation>Restart the kiosk program</translation>
    </message>
    <message>
      <source>再按一次确认退出到桌面</source>
      <translation>Tap again to confirm exit to desktop</translation>
    </message>
    <message>
      <source>退出到桌面</source>
      <translation>Exit to desktop</translation>
    </message>
    <message>
      <source>English</source>
      <translation>中文</translation>
    </message>
    <message>
      <source>再听一遍</source>
      <translation>Say again</translation>
    </message>
    <message>
      <source>音量−</source>
      <translation>Volume −</translation>
    </message>
    <message>
      <source>音量+</source>
      <translation>Volume +</translation>
    </message>
    <message>
      <source>静音</source>
      <translation>Mute</translation>
    </message>
    <message>
      <source>您还在吗？</source>
      <translation>Are you still there?</translation>
    </message>
    <message>
      <source>我还需要时间</source>
      <translation>I need more time</translation>
    </message>
    <message>
      <source>长辈版</source>
      <translation>Large type</translation>
    </message>
    <message>
      <source>低位操作</source>
      <translation>Low reach</translation>
    </message>
    <message>
      <source>如需帮助，请联系大厅工作人员</source>
      <translation>Need help? Please ask the hall staff</translation>
    </message>
    <message>
      <source>网络中断</source>
      <translation>Offline</translation>
    </message>
    <message>
      <source>设备正常</source>
      <translation>Devices OK</translation>
    </message>
    <message>
      <source>{n} 秒后将返回首页，并清除您的信息。</source>
      <translation>Returning to the home screen and erasing your details in {n} s.</translation>
    </message>
    <message>
      <source>网络正常</source>
      <translation>Online</translation>
    </message>
    <message>
      <source>正在连接</source>
      <translation>Connecting</translation>
    </message>
    <message>
      <source>关闭放大</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>打印机缺纸，证明打印暂停</source>
      <translation>Printer out of paper: certificate printing paused</translation>
    </message>
    <message>
      <source>打印机卡纸，证明打印暂停</source>
      <translation>Paper jam: certificate printing paused</translation>
    </message>
    <message>
      <source>打印机暂不可用，证明打印暂停</source>
      <translation>Printer unavailable: certificate printing paused</translation>
    </message>
    <message>
      <source>本机未配备打印机</source>
      <translation>This terminal has no printer for this</translation>
    </message>
    <message>
      <source>执照打印机缺纸，执照打印暂停</source>
      <translation>Licence printer out of paper: licence printing paused</translation>
    </message>
    <message>
      <source>执照打印机暂不可用</source>
      <translation>Licence printer unavailable</translation>
    </message>
    <message>
      <source>读卡器暂不可用，请到人工窗口</source>
      <translation>Card reader unavailable: please go to a service counter</translation>
    </message>
    <message>
      <source>凭条打印机暂不可用</source>
      <translation>Receipt printer unavailable</translation>
    </message>
    <message>
      <source>打印机缺纸</source>
      <translation>Printer out of paper</translation>
    </message>
    <message>
      <source>打印机卡纸</source>
      <translation>Printer jammed</translation>
    </message>
    <message>
      <source>打印机故障</source>
      <translation>Printer fault</translation>
    </message>
    <message>
      <source>无打印机</source>
      <translation>No printer</translation>
    </message>
    <message>
      <source>执照纸用完</source>
      <translation>Licence paper used up</translation>
    </message>
    <message>
      <source>执照打印机故障</source>
      <translation>Licence printer fault</translation>
    </message>
    <message>
      <source>读卡器故障</source>
      <translation>Card reader fault</translation>
    </message>
    <message>
      <source>凭条打印机故障</source>
      <translation>Receipt printer fault</translation>
    </message>
    <message>
      <source>打印机缺纸，证明暂时不能打印；营业执照照常打印。请联系大厅工作人员补纸，或稍后再来。</source>
      <translation>The printer is out of paper, so certificates cannot be printed for now; business licences print as usual. Please ask the hall staff to load paper, or come back later.</translation>
    </message>
    <message>
      <source>打印机卡纸，证明暂时不能打印；营业执照照常打印。请联系大厅工作人员处理，或稍后再来。</source>
      <translation>The printer is jammed, so certificates cannot be printed for now; business licences print as usual. Please ask the hall staff, or come back later.</translation>
    </message>
    <message>
      <source>打印机暂不可用，证明暂时不能打印；营业执照照常打印。请联系大厅工作人员，或稍后再来。</source>
      <translation>The printer is not available, so certificates cannot be printed for now; business licences print as usual. Please ask the hall staff, or come back later.</translation>
    </message>
    <message>
      <source>本机不能打印证明。</source>
      <translation>This terminal cannot print certificates.</translation>
    </message>
    <message>
      <source>执照专用纸已用完，营业执照暂时不能打印；证明照常打印。请联系大厅工作人员装纸。</source>
      <translation>The licence paper is used up, so business licences cannot be printed for now; certificates print as usual. Please ask the hall staff to load it.</translation>
    </message>
    <message>
      <source>执照打印机暂不可用，营业执照暂时不能打印；证明照常打印。请联系大厅工作人员。</source>
      <translation>The licence printer is not available, so business licences cannot be printed for now; certificates print as usual. Please ask the hall staff.</translation>
    </message>
    <message>
      <source>读卡器暂不可用：可用e福州App身份码办理的业务照常；其余请到人工窗口办理。</source>
      <translation>The card reader is not available: services you can use with the e-Fuzhou identity code work as usual; for the others, please go to a service counter.</translation>
    </message>
    <message>
      <source>凭条打印机暂不可用：业务照常办理，但没有凭条，取件码请记下屏幕上显示的号码。</source>
      <translation>The receipt printer is not available: services work as usual but without a receipt, so please write down any pickup code shown on the screen.</translation>
    </message>
    <message>
      <source>网络暂时中断：证明可先登记取件码，网络恢复后再打印；营业执照和已准备好的取件照常打印。</source>
      <translation>Network down: get a pickup code for a certificate and print it later; business licences and ready pickups print as usual.</translation>
    </message>
    <message>
      <source>身份核验未通过</source>
      <translation>Identity could not be verified</translation>
    </message>
    <message>
      <source>没能确认您的身份。请使用本人有效的身份证重新验证；仍不行请到人工窗口办理。</source>
      <translation>We could not confirm who you are. Please try again with your own valid ID card; if that does not work, please go to a service counter.</translation>
    </message>
    <message>
      <source>重新验证身份</source>
      <translation>Verify again</translation>
    </message>
    <message>
      <source>结束办理</source>
      <translation>Finish</translation>
    </message>
    <message>
      <source>二维码已过期</source>
      <translation>The QR code has expired</translation>
    </message>
    <message>
      <source>请在e福州App中刷新身份码，再对准扫码口重新扫描；也可以改用身份证。</source>
      <translation>Refresh the identity code in the e-Fuzhou app and hold it to the scanner again, or use your ID card instead.</translation>
    </message>
    <message>
      <source>重新扫码</source>
      <translation>Scan again</translation>
    </message>
    <message>
      <source>无法为您打印此执照</source>
      <translation>We cannot print this licence for you</translation>
    </message>
    <message>
      <source>此营业执照只能由法定代表人或经授权的人员领取。请由有权领取的人员放置身份证。</source>
      <translation>Only the legal representative or an authorised person can collect this business licence. Please ask that person to place their ID card.</translation>
    </message>
    <message>
      <source>重新放置身份证</source>
      <translation>Place the ID card again</translation>
    </message>
    <message>
      <source>服务暂时无法办理</source>
      <translation>This service is unavailable right now</translation>
    </message>
    <message>
      <source>服务平台暂时没有办成，没有打印任何材料。请重新办理，或到人工窗口办理。</source>
      <translation>The government service platform could not complete this just now, and nothing was printed. Please start again, or go to a service counter.</translation>
    </message>
    <message>
      <source>重新办理</source>
      <translation>Start again</translation>
    </message>
    <message>
      <source>您可以领取一个取件码，网络恢复后凭取件码和本人证件到本机打印。</source>
      <translation>You can get a pickup code now and print here later, with the code and your ID card, once the network is back.</translation>
    </message>
    <message>
      <source>领取取件码，稍后打印</source>
      <translation>Get a pickup code, print later</translation>
    </message>
    <message>
      <source>证明没有完整收到</source>
      <translation>The certificate did not arrive complete</translation>
    </message>
    <message>
      <source>为保证证明真实有效，本次没有打印。请重新办理，或到人工窗口办理。</source>
      <translation>To make sure your certificate is genuine, nothing was printed. Please start again, or go to a service counter.</translation>
    </message>
    <message>
      <source>本次证明没有打印出来。请告诉大厅工作人员补纸，之后凭取件码和本人身份证，在首页点“取件”打印；也可到人工窗口办理。</source>
      <translation>Your certificate was not printed. Please ask the hall staff to load paper, then print it with the pickup code and your ID card: touch "Pickup" on the start screen. You can also go to a service counter.</translation>
    </message>
    <message>
      <source>本次证明没有打印出来。请告诉大厅工作人员处理，之后凭取件码和本人身份证，在首页点“取件”打印。</source>
      <translation>Your certificate was not printed. Please ask the hall staff to clear the printer, then print it with the pickup code and your ID card: touch "Pickup" on the start screen.</translation>
    </message>
    <message>
      <source>打印机暂时不可用</source>
      <translation>The printer is unavailable</translation>
    </message>
    <message>
      <source>本次证明没有打印出来。打印机恢复后，请凭取件码和本人身份证，在首页点“取件”打印。</source>
      <translation>Your certificate was not printed. When the printer is back, touch "Pickup" on the home screen and print it with this pickup code and your own ID card.</translation>
    </message>
    <message>
      <source>打印出现问题</source>
      <translation>A printing problem occurred</translation>
    </message>
    <message>
      <source>打印机出了故障。工作人员会核实是否已经打印，不会重复打印。请联系大厅工作人员。</source>
      <translation>The printer has a fault. Staff will check whether anything was printed; nothing is printed twice. Please ask the hall staff.</translation>
    </message>
    <message>
      <source>执照专用纸已用完</source>
      <translation>Licence paper has run out</translation>
    </message>
    <message>
      <source>本次执照没有打印，执照仍保留在本机。请联系大厅工作人员装入执照专用纸后，重新办理即可打印。</source>
      <translation>The licence was not printed and is still kept on this terminal. Please ask the hall staff to load licence paper, then start again to print it.</translation>
    </message>
    <message>
      <source>执照打印机卡纸</source>
      <translation>The licence printer is jammed</translation>
    </message>
    <message>
      <source>本次执照没有打印完成，执照仍保留在本机。请联系大厅工作人员处理后重新办理。</source>
      <translation>The licence was not printed completely and is still kept on this terminal. Please ask the hall staff to clear the printer, then start again.</translation>
    </message>
    <message>
      <source>执照打印出现问题</source>
      <translation>A problem printing the licence</translation>
    </message>
    <message>
      <source>执照打印机出了故障，工作人员会核实纸张是否已打印。请联系大厅工作人员。</source>
      <translation>The licence printer has a fault; staff will check whether a sheet was printed. Please ask the hall staff.</translation>
    </message>
    <message>
      <source>没有找到可打印的营业执照</source>
      <translation>No licence ready to print was found</translation>
    </message>
    <message>
      <source>请核对统一社会信用代码后重新输入；执照须已核准并分配到本机。</source>
      <translation>Please check the unified social credit code and type it again. The licence must be approved and sent to this terminal.</translation>
    </message>
    <message>
      <source>重新输入信用代码</source>
      <translation>Type the code again</translation>
    </message>
    <message>
      <source>此营业执照已打印</source>
      <translation>This licence has already been printed</translation>
    </message>
    <message>
      <source>这份营业执照已在本机打印过，不能重复打印。如需补打，请到人工窗口办理。</source>
      <translation>This business licence was already printed at this terminal and cannot be printed again. For a reprint, please go to a service counter.</translation>
    </message>
    <message>
      <source>身份不符</source>
      <translation>This is not the same person</translation>
    </message>
    <message>
      <source>只能由办理时使用身份证的本人取件。请放置办理时使用的身份证，或到人工窗口办理。</source>
      <translation>Only the person whose ID card was used for the request can collect it. Please place that ID card, or go to a service counter.</translation>
    </message>
    <message>
      <source>取件码无效</source>
      <translation>Pickup code not found</translation>
    </message>
    <message>
      <source>没有找到这个取件码对应的证明。请核对凭条上的取件码后重新输入。</source>
      <translation>No certificate matches this pickup code. Please check the code on your receipt and type it again.</translation>
    </message>
    <message>
      <source>重新输入取件码</source>
      <translation>Type the code again</translation>
    </message>
    <message>
      <source>证明还没有准备好</source>
      <translation>Your certificate is not ready yet</translation>
    </message>
    <message>
      <source>网络恢复后本机会自动准备您的证明，请稍后再来取件。</source>
      <translation>The terminal prepares your certificate as soon as the network is back. Please come back later to collect it.</translation>
    </message>
    <message>
      <source>登记未成功</source>
      <translation>Registration failed</translation>
    </message>
    <message>
      <source>本机暂时无法保存登记，请到人工窗口办理。</source>
      <translation>This terminal cannot save your request just now. Please go to a service counter.</translation>
    </message>
    <message>
      <source>打印未能确认完成</source>
      <translation>Printing could not be confirmed</translation>
    </message>
    <message>
      <source>打印机中途出现问题，本机无法确认证明是否已打印。如有纸张出来请取走；工作人员会核实，本机不会自动重新打印。请联系大厅工作人员或到人工窗口。</source>
      <translation>The printer had a problem during the job, so the terminal cannot tell whether your certificate was printed. Take any paper that came out. Staff will check; the terminal will not print it again by itself. Please ask the hall staff or go to a service counter.</translation>
    </message>
    <message>
      <source>执照打印未能确认完成</source>
      <translation>Licence printing could not be confirmed</translation>
    </message>
    <message>
      <source>执照打印机中途出现问题，本机无法确认执照是否已打印。如有执照出来请取走；工作人员会核实纸张编号，不会重复打印。请联系大厅工作人员。</source>
      <translation>The licence printer had a problem during the job, so the terminal cannot tell whether the licence was printed. Take any licence that came out. Staff will check the sheet serials; it will not be printed twice. Please ask the hall staff.</translation>
    </message>
    <message>
      <source>身份核验超时</source>
      <translation>Identity check took too long</translation>
    </message>
    <message>
      <source>服务平台长时间没有答复，本次业务未完成，您的信息已清除。请稍后重新办理或到人工窗口。</source>
      <translation>The service platform did not answer in time. Nothing was done and your details have been cleared. Please try again later or go to a service counter.</translation>
    </message>
    <message>
      <source>重新开始</source>
      <translation>Start again</translation>
    </message>
    <message>
      <source>证明准备超时</source>
      <translation>Preparing the certificate took too long</translation>
    </message>
    <message>
      <source>证明长时间没有准备好，本次业务未完成，没有打印，您的信息已清除。请稍后重新办理或到人工窗口。</source>
      <translation>The certificate was not ready in time. Nothing was printed and your details have been cleared. Please try again later or go to a service counter.</translation>
    </message>
    <message>
      <source>打印长时间没有完成</source>
      <translation>Printing did not finish in time</translation>
    </message>
    <message>
      <source>本机无法确认是否已打印，您的信息已清除。如有纸张出来请取走；工作人员会核实，本机不会自动重新打印。请联系大厅工作人员。</source>
      <translation>The terminal cannot tell whether anything was printed, and your details have been cleared. Take any paper that came out. Staff will check; the terminal will not print it again by itself. Please ask the hall staff.</translation>
    </message>
    <message>
      <source>证明已过期</source>
      <translation>The certificate has expired</translation>
    </message>
    <message>
      <source>这份证明已超过有效期，不能再打印，已从本机清除。请重新办理。</source>
      <translation>This certificate is past its expiry date, so it can no longer be printed and has been removed from the terminal. Please apply again.</translation>
    </message>
    <message>
      <source>出现了意外问题</source>
      <translation>Something unexpected happened</translation>
    </message>
    <message>
      <source>本次业务未完成，您的信息已清除。请重新开始，或到人工窗口办理。</source>
      <translation>This service was not completed and your details have been erased. Please start again, or go to a service counter.</translation>
    </message>
    <message>
      <source>未能读取证件。请拿起证件，平放在读卡区，不要移动。</source>
      <translation>The card could not be read. Please lift it and lay it flat on the reader, without moving it.</translation>
    </message>
    <message>
      <source>证件拿开得太早了。请重新放置，读卡成功后再拿开。</source>
      <translation>The card was lifted too early. Please place it again and lift it once it has been read.</translation>
    </message>
    <message>
      <source>无法识别这张卡片，请使用第二代居民身份证。</source>
      <translation>This card is not recognised. Please use a second-generation resident ID card.</translation>
    </message>
    <message>
      <source>第三代社保卡暂不支持，请使用身份证。</source>
      <translation>Third-generation social security cards are not supported yet. Please use your ID card.</translation>
    </message>
    <message>
      <source>无法识别这个二维码。请出示e福州App中的身份码。</source>
      <translation>This QR code is not recognised. Please show the ID code in the e-Fuzhou app.</translation>
    </message>
    <message>
      <source>这张身份证已过有效期，请使用有效证件。</source>
      <translation>This ID card has expired. Please use a valid card.</translation>
    </message>
    <message>
      <source>无法核对这张证件的号码。请拿起证件重新放置；仍不行请到人工窗口办理。</source>
      <translation>The number on this card could not be checked. Please lift the card and place it again; if that does not work, please go to a service counter.</translation>
    </message>
    <message>
      <source>此业务需要用身份证核验，请将身份证放在读卡区。</source>
      <translation>This service needs your ID card. Please place it on the reader.</translation>
    </message>
    <message>
      <source>这不是营业执照核准通知书上的二维码，请扫描通知书上的二维码或输入信用代码。</source>
      <translation>This is not the QR code of an approval notice. Scan the code on the notice or type the credit code.</translation>
    </message>
    <message>
      <source>这不是取件凭条上的二维码，请扫描凭条上的二维码或输入取件码。</source>
      <translation>This is not the QR code of a pickup receipt. Scan the code on the receipt or type the pickup code.</translation>
    </message>
    <message>
      <source>重新放置社保卡</source>
      <translation>Place the card again</translation>
    </message>
    <message>
      <source>非常满意</source>
      <translation>Very satisfied</translation>
    </message>
    <message>
      <source>满意</source>
      <translation>Satisfied</translation>
    </message>
    <message>
      <source>基本满意</source>
      <translation>Fairly satisfied</translation>
    </message>
    <message>
      <source>不满意</source>
      <translation>Dissatisfied</translation>
    </message>
    <message>
      <source>非常不满意</source>
      <translation>Very dissatisfied</translation>
    </message>
    <message>
      <source>等待时间长</source>
      <translation>Long wait</translation>
    </message>
    <message>
      <source>操作复杂</source>
      <translation>Hard to use</translation>
    </message>
    <message>
      <source>信息有误</source>
      <translation>Wrong information</translation>
    </message>
    <message>
      <source>其他</source>
      <translation>Other</translation>
    </message>
    <message>
      <source>这个字符不会出现在统一社会信用代码中</source>
      <translation>This character never appears in a unified social credit code</translation>
    </message>
    <message>
      <source>第3至8位是行政区划代码，只能是数字</source>
      <translation>Characters 3 to 8 are the region code: digits only</translation>
    </message>
    <message>
      <source>校验位不符，请核对营业执照上的统一社会信用代码</source>
      <translation>The check character does not match. Please check the code on the licence</translation>
    </message>
    <message>
      <source>统一社会信用代码为18位</source>
      <translation>The unified social credit code has 18 characters</translation>
    </message>
    <message>
      <source>取件码有误，请核对凭条</source>
      <translation>That pickup code is not valid. Please check your receipt</translation>
    </message>
    <message>
      <source>执照专用纸即将用完。如打印中途缺纸，请联系大厅工作人员装纸。</source>
      <translation>Licence paper is running low. If it runs out while printing, ask the hall staff to load more.</translation>
    </message>
    <message>
      <source>执照专用纸已用完，请联系大厅工作人员装入执照专用纸。装好后可直接打印，无需重新办理。</source>
      <translation>Licence paper has run out. Ask the hall staff to load licence paper; you can then print straight away, without starting again.</translation>
    </message>
    <message>
      <source>执照打印机卡纸，请联系大厅工作人员处理。处理好后可直接打印，无需重新办理。</source>
      <translation>The licence printer is jammed. Ask the hall staff to clear it; you can then print straight away, without starting again.</translation>
    </message>
    <message>
      <source>纸张编号为6至16位数字或字母，请核对执照纸右上角的编号</source>
      <translation>A sheet number has 6 to 16 digits or letters: check the number at the top right of the sheet</translation>
    </message>
    <message>
      <source>这个编号已经登记过了</source>
      <translation>This number is already recorded</translation>
    </message>
    <message>
      <source>编号数量已与打印的张数相同</source>
      <translation>Every printed sheet already has a number</translation>
    </message>
    <message>
      <source>本次证明没有打印出来，您的信息已从本机清除。请稍后重新办理，或到人工窗口办理。</source>
      <translation>Your certificate was not printed and your details have been cleared from this terminal. Please try again later, or go to a service counter.</translation>
    </message>
    <message>
      <source>请取回您的身份证</source>
      <translation>Please take your ID card</translation>
    </message>
    <message>
      <source>请取回您的社保卡</source>
      <translation>Please take your social security card</translation>
    </message>
    <message>
      <source>别忘了取走打印好的材料和凭条。</source>
      <translation>Remember to take your printed documents and the receipt.</translation>
    </message>
    <message>
      <source>别忘了取走取件凭条。</source>
      <translation>Remember to take your pickup receipt.</translation>
    </message>
    <message>
      <source>身份证阅读器</source>
      <translation>ID card reader</translation>
    </message>
    <message>
      <source>社保卡读卡器</source>
      <translation>Social security card reader</translation>
    </message>
    <message>
      <source>扫码器</source>
      <translation>QR scanner</translation>
    </message>
    <message>
      <source>摄像头扫码</source>
      <translation>Camera scanner</translation>
    </message>
    <message>
      <source>凭条打印机</source>
      <translation>Receipt printer</translation>
    </message>
    <message>
      <source>A4 文档打印机</source>
      <translation>A4 document printer</translation>
    </message>
    <message>
      <source>执照打印机</source>
      <translation>Licence printer</translation>
    </message>
    <message>
      <source>正在启动</source>
      <translation>Starting</translation>
    </message>
    <message>
      <source>正常</source>
      <translation>OK</translation>
    </message>
    <message>
      <source>忙碌</source>
      <translation>Busy</translation>
    </message>
    <message>
      <source>未连接</source>
      <translation>Not connected</translation>
    </message>
    <message>
      <source>硬件故障</source>
      <translation>Hardware fault</translation>
    </message>
    <message>
      <source>操作错误</source>
      <translation>User error</translation>
    </message>
    <message>
      <source>设备与自检</source>
      <translation>Devices</translation>
    </message>
    <message>
      <source>执照打印校准</source>
      <translation>Calibration</translation>
    </message>
    <message>
      <source>配置</source>
      <translation>Configuration</translation>
    </message>
    <message>
      <source>导出诊断</source>
      <translation>Diagnostics</translation>
    </message>
    <message>
      <source>终端名称</source>
      <translation>Terminal name</translation>
    </message>
    <message>
      <source>所在园区/大厅</source>
      <translation>Park / hall</translation>
    </message>
    <message>
      <source>CA 证书文件</source>
      <translation>CA bundle file</translation>
    </message>
    <message>
      <source>平台请求超时（秒）</source>
      <translation>Platform timeout (seconds)</translation>
    </message>
    <message>
      <source>无操作超时（秒）</source>
      <translation>Idle timeout (seconds)</translation>
    </message>
    <message>
      <source>倒计时（秒）</source>
      <translation>Countdown (seconds)</translation>
    </message>
    <message>
      <source>界面语言</source>
      <translation>Language</translation>
    </message>
    <message>
      <source>中文</source>
      <translation>Chinese</translation>
    </message>
    <message>
      <source>屏幕方向</source>
      <translation>Orientation</translation>
    </message>
    <message>
      <source>横屏</source>
      <translation>Landscape</translation>
    </message>
    <message>
      <source>竖屏</source>
      <translation>Portrait</translation>
    </message>
    <message>
      <source>默认长辈版</source>
      <translation>Large type by default</translation>
    </message>
    <message>
      <source>关</source>
      <translation>Off</translation>
    </message>
    <message>
      <source>开</source>
      <translation>On</translation>
    </message>
    <message>
      <source>平台可达（/health）</source>
      <translation>Platform reachable (/health)</translation>
    </message>
    <message>
      <source>签名请求</source>
      <translation>Signed request</translation>
    </message>
    <message>
      <source>时钟偏差</source>
      <translation>Clock skew</translation>
    </message>
    <message>
      <source>读卡测试</source>
      <translation>Read a card</translation>
    </message>
    <message>
      <source>扫码测试</source>
      <translation>Scan a code</translation>
    </message>
    <message>
      <source>打印测试凭条</source>
      <translation>Print a test receipt</translation>
    </message>
    <message>
      <source>打印测试页</source>
      <translation>Print a test page</translation>
    </message>
    <message>
      <source>读卡</source>
      <translation>cards</translation>
    </message>
    <message>
      <source>扫码</source>
      <translation>codes</translation>
    </message>
    <message>
      <source>打印页数</source>
      <translation>pages</translation>
    </message>
    <message>
      <source>凭条</source>
      <translation>receipts</translation>
    </message>
    <message>
      <source>已请求</source>
      <translation>Requested</translation>
    </message>
    <message>
      <source>排队（离线）</source>
      <translation>Queued (offline)</translation>
    </message>
    <message>
      <source>待打印</source>
      <translation>Ready</translation>
    </message>
    <message>
      <source>打印中</source>
      <translation>Printing</translation>
    </message>
    <message>
      <source>已上报</source>
      <translation>Reported</translation>
    </message>
    <message>
      <source>已过期</source>
      <translation>Expired</translation>
    </message>
    <message>
      <source>待核实</source>
      <translation>To verify</translation>
    </message>
    <message>
      <source>减少</source>
      <translation>fewer</translation>
    </message>
    <message>
      <source>增加</source>
      <translation>more</translation>
    </message>
  </context>
</TS>
