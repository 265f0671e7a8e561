"""The demo bureau's service catalogue and commitment texts (公示内容).

Runs after org/demo.py. Items are made through service_item_create as the
demo's administrator, as of the day the catalogue was published (before
the first demo case was received, so every case and breach is held to a
version in force on its day); an item whose code exists is left alone, and
each board text is made once per kind. The two breaches on the register
are recorded by the supervisor as of the day after they happened, once.
"""

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from commitments.models import BoardText, Breach, MaterialForm, ServiceItem
from commitments.services import MaterialSpec, breach_record, service_item_create, service_item_update_listing
from core import clock
from org.models import Department, Post, Staff

ORIGINAL = MaterialForm.ORIGINAL
COPY = MaterialForm.COPY
BOTH = MaterialForm.ORIGINAL_AND_COPY
ELECTRONIC = MaterialForm.ELECTRONIC

# The catalogue as the public has been told it since this day (before the demo's first case, 10-08).
PUBLISHED_ON = date(2026, 9, 1)

# staff, item, occurred on, promised, what happened, complaint received; recorded by the supervisor.
BREACHES = [
    (
        "钱伟",
        "XK-002",
        date(2026, 11, 12),
        "材料不全的，一次性告知需补正的全部内容。",
        "申请人第二次来窗口补交材料时，又被要求补充经营场所租赁合同，首次告知单未列明。",
        True,
    ),
    (
        "卫芳",
        "SJ-001",
        date(2026, 11, 19),
        "受理投诉举报后 7 个工作日内告知处理结果。",
        "投诉人来电询问，受理已 9 个工作日，未告知处理进展。",
        False,
    ),
]
BREACH_RECORDER = "周敏"

HOURS = "周一至周五 上午 9:00—12:00，下午 13:30—17:00（法定节假日除外；午间设值班窗口）"
COMPLAINT_CHANNEL = "效能投诉电话 0571-8800-1006（效能监督室，局机关 501 室）"
# Where each section receives the public.
PLACES = {
    "approval": "局机关一楼政务服务大厅 1—6 号窗口",
    "market": "局机关三楼 305 室（投诉举报接待室）",
    "legal": "局机关四楼 402 室",
    "finance": "局机关二楼 210 室",
    "office": "局机关二楼 201 室",
    "supervision": "局机关五楼 501 室",
}

ENTITY_ID = MaterialSpec(
    "营业执照", COPY, 1, "市场监督管理部门核发", "已实行电子营业执照的，可出示电子营业执照"
)
PERSON_ID = MaterialSpec("经营者（法定代表人）身份证", COPY, 1, "公安机关核发", "现场核验原件")
PROXY = MaterialSpec(
    "授权委托书及受托人身份证",
    BOTH,
    1,
    "申请人出具",
    condition="委托他人办理时提供；本人办理的无需提供",
)

STANDARD_LICENCE = (
    "申请材料齐全、符合法定形式的当场受理；需现场核查的，受理后 5 个工作日内完成核查；"
    "准予许可的，当场或邮寄送达证照。"
)

# code, section, name, basis, conditions, procedure, statutory days, committed days,
# fees, fee basis, service standard, materials
ITEMS = [
    (
        "XK-001",
        "approval",
        "食品经营许可（新办）",
        "《中华人民共和国食品安全法》第三十五条第一款；\n"
        "《食品经营许可和备案管理办法》（国家市场监督管理总局令第 78 号）第十条、第十八条。",
        "1. 具有与经营的食品品种、数量相适应的食品原料处理和食品加工、销售、贮存等场所；\n"
        "2. 具有与经营的食品品种、数量相适应的经营设备或者设施；\n"
        "3. 有专职或者兼职的食品安全管理人员和保证食品安全的规章制度；\n"
        "4. 具有合理的设备布局和工艺流程。",
        "1. 申请：申请人通过窗口或网上提交材料；\n"
        "2. 受理：窗口对材料进行审查，材料齐全的当场受理；\n"
        "3. 审查：审查人员对申请材料进行审查，必要时现场核查；\n"
        "4. 决定：作出准予或不予许可的决定；\n"
        "5. 发证：准予许可的，制发《食品经营许可证》。",
        20,
        10,
        "",
        "",
        STANDARD_LICENCE,
        [
            MaterialSpec("食品经营许可申请书", ORIGINAL, 1, "窗口领取或网上下载", "须经营者签字或盖章"),
            ENTITY_ID,
            PERSON_ID,
            MaterialSpec(
                "经营场所平面布局图及主要设备设施清单", ORIGINAL, 1, "申请人自备", "标明各功能区面积"
            ),
            MaterialSpec(
                "食品安全管理制度文本", ORIGINAL, 1, "申请人自备", "含进货查验、从业人员健康管理等制度"
            ),
            PROXY,
        ],
    ),
    (
        "XK-002",
        "approval",
        "食品经营许可（变更）",
        "《中华人民共和国食品安全法》第三十五条；\n《食品经营许可和备案管理办法》第三十条、第三十一条。",
        "食品经营许可证载明的许可事项发生变化，且变更后仍符合食品经营许可条件。",
        "申请—受理—审查（必要时现场核查）—决定—换发许可证。",
        20,
        7,
        "",
        "",
        STANDARD_LICENCE,
        [
            MaterialSpec("食品经营许可变更申请书", ORIGINAL, 1, "窗口领取或网上下载"),
            MaterialSpec("食品经营许可证正、副本", ORIGINAL, 1, "原发证机关核发"),
            MaterialSpec(
                "与变更事项有关的材料", COPY, 1, "申请人自备", "如经营场所、设备布局变化的，提供新的平面图"
            ),
            PROXY,
        ],
    ),
    (
        "XK-003",
        "approval",
        "食品经营许可（延续）",
        "《中华人民共和国食品安全法》第三十五条；\n《食品经营许可和备案管理办法》第三十五条。",
        "食品经营许可证有效期届满前 90 个工作日至 15 个工作日期间提出延续申请，且仍符合许可条件。",
        "申请—受理—审查—决定—换发许可证。",
        20,
        5,
        "",
        "",
        STANDARD_LICENCE,
        [
            MaterialSpec("食品经营许可延续申请书", ORIGINAL, 1, "窗口领取或网上下载"),
            MaterialSpec("食品经营许可证正、副本", ORIGINAL, 1, "原发证机关核发"),
            MaterialSpec(
                "经营条件未变化的书面声明", ORIGINAL, 1, "申请人出具", "经营条件有变化的，提供变化情况说明"
            ),
        ],
    ),
    (
        "XK-004",
        "approval",
        "食品经营许可（注销）",
        "《中华人民共和国行政许可法》第七十条；\n《食品经营许可和备案管理办法》第三十九条。",
        "食品经营者终止食品经营，或食品经营许可被撤回、撤销、吊销。",
        "提交申请—窗口核对—当场办理注销并收回证书。",
        20,
        0,
        "",
        "",
        "材料齐全的当场办结。",
        [
            MaterialSpec("食品经营许可注销申请书", ORIGINAL, 1, "窗口领取或网上下载"),
            MaterialSpec("食品经营许可证正、副本", ORIGINAL, 1, "原发证机关核发", "遗失的，提交遗失说明"),
        ],
    ),
    (
        "XK-005",
        "approval",
        "药品零售企业许可（新办）",
        "《中华人民共和国药品管理法》第五十一条、第五十二条；\n"
        "《药品经营和使用质量监督管理办法》（国家市场监督管理总局令第 84 号）第十四条、第十九条。",
        "1. 有依法经过资格认定的药师或者其他药学技术人员；\n"
        "2. 有与所经营药品相适应的营业场所、设备、仓储设施和卫生环境；\n"
        "3. 有与所经营药品相适应的质量管理机构或者人员；\n"
        "4. 有保证药品质量的规章制度，符合药品经营质量管理规范要求。",
        "1. 申请；2. 受理；3. 材料审查；4. 现场检查；5. 作出决定；6. 制发《药品经营许可证》。",
        20,
        12,
        "",
        "",
        STANDARD_LICENCE,
        [
            MaterialSpec("药品经营许可证申请表", ORIGINAL, 1, "窗口领取或网上下载"),
            ENTITY_ID,
            MaterialSpec("执业药师注册证及身份证", COPY, 1, "药品监督管理部门核发", "驻店执业药师须在职在岗"),
            MaterialSpec("营业场所、仓库平面布置图及房屋产权或使用权证明", COPY, 1, "申请人自备"),
            MaterialSpec("质量管理文件目录及主要设施设备目录", ORIGINAL, 1, "申请人自备"),
            PROXY,
        ],
    ),
    (
        "XK-006",
        "approval",
        "个体工商户设立登记",
        "《促进个体工商户发展条例》第八条；\n"
        "《中华人民共和国市场主体登记管理条例》第十九条；\n"
        "《中华人民共和国市场主体登记管理条例实施细则》第十七条。",
        "有经营能力的公民，经营场所合法，经营范围不属于法律、行政法规禁止的项目。",
        "提交申请—窗口审核—当场登记—当场发放营业执照。",
        3,
        0,
        "",
        "",
        "申请材料齐全、符合法定形式的，当场登记并发放营业执照。",
        [
            MaterialSpec("个体工商户登记（备案）申请书", ORIGINAL, 1, "窗口领取或网上下载"),
            MaterialSpec("经营者身份证", COPY, 1, "公安机关核发", "现场核验原件"),
            MaterialSpec("经营场所使用证明", COPY, 1, "产权人或出租人提供", "如房屋产权证明或租赁合同"),
        ],
    ),
    (
        "XK-007",
        "approval",
        "个体工商户变更登记",
        "《促进个体工商户发展条例》第八条；\n《中华人民共和国市场主体登记管理条例》第二十四条。",
        "个体工商户登记事项（名称、经营者、经营场所、经营范围等）发生变化。",
        "提交申请—窗口审核—当场办理变更—换发营业执照。",
        3,
        0,
        "",
        "",
        "申请材料齐全、符合法定形式的，当场办结。",
        [
            MaterialSpec("个体工商户变更登记申请书", ORIGINAL, 1, "窗口领取或网上下载"),
            MaterialSpec("营业执照正、副本", ORIGINAL, 1, "原登记机关核发"),
            MaterialSpec(
                "与变更事项有关的证明材料", COPY, 1, "申请人自备", "如变更经营场所的，提供新场所使用证明"
            ),
        ],
    ),
    (
        "XK-008",
        "approval",
        "公共场所卫生许可（新办）",
        "《公共场所卫生管理条例》第八条；\n《公共场所卫生管理条例实施细则》第二十二条、第二十三条。",
        "经营宾馆、美容美发、游泳场所等公共场所，卫生设施、布局和卫生管理制度符合国家卫生标准和要求。",
        "1. 申请；2. 受理；3. 材料审查及现场审查；4. 作出许可决定；5. 制发《公共场所卫生许可证》。",
        20,
        10,
        "",
        "",
        STANDARD_LICENCE,
        [
            MaterialSpec("公共场所卫生许可申请表", ORIGINAL, 1, "窗口领取或网上下载"),
            ENTITY_ID,
            MaterialSpec("公共场所地址方位示意图、平面图和卫生设施平面布局图", ORIGINAL, 1, "申请人自备"),
            MaterialSpec(
                "公共场所卫生检测或者评价报告", ORIGINAL, 1, "具备资质的检测机构出具", "报告出具日期在一年内"
            ),
            MaterialSpec("公共场所卫生管理制度", ORIGINAL, 1, "申请人自备"),
            MaterialSpec("从业人员健康合格证明", COPY, 1, "医疗卫生机构出具"),
        ],
    ),
    (
        "XK-009",
        "approval",
        "公共场所卫生许可（延续）",
        "《公共场所卫生管理条例实施细则》第二十四条。",
        "卫生许可证有效期届满 30 日前提出延续申请，且卫生条件未发生变化。",
        "申请—受理—审查—决定—换发许可证。",
        20,
        5,
        "",
        "",
        STANDARD_LICENCE,
        [
            MaterialSpec("公共场所卫生许可延续申请表", ORIGINAL, 1, "窗口领取或网上下载"),
            MaterialSpec("原公共场所卫生许可证", ORIGINAL, 1, "原发证机关核发"),
            MaterialSpec("近一年内的卫生检测报告", ORIGINAL, 1, "具备资质的检测机构出具"),
        ],
    ),
    (
        "XK-010",
        "approval",
        "仅销售预包装食品备案",
        "《中华人民共和国食品安全法》第三十五条第一款；\n《食品经营许可和备案管理办法》第四十七条、第四十八条。",
        "仅销售预包装食品的食品经营者，已取得营业执照。",
        "提交备案信息—窗口核对—当场备案并发放备案凭证。",
        None,
        0,
        "",
        "",
        "备案材料齐全的当场备案。",
        [
            MaterialSpec("仅销售预包装食品备案信息采集表", ORIGINAL, 1, "窗口领取或网上下载"),
            ENTITY_ID,
        ],
    ),
    (
        "XK-011",
        "approval",
        "第二类医疗器械经营备案",
        "《医疗器械监督管理条例》第四十一条；\n"
        "《医疗器械经营监督管理办法》（国家市场监督管理总局令第 54 号）第二十一条。",
        "有与经营规模和经营范围相适应的经营场所、贮存条件，以及相应的质量管理制度和质量管理人员。",
        "提交备案资料—窗口核对—当场备案—发放备案凭证；备案后 3 个月内进行现场检查。",
        None,
        0,
        "",
        "",
        "备案资料齐全、符合要求的当场备案。",
        [
            MaterialSpec("第二类医疗器械经营备案表", ORIGINAL, 1, "窗口领取或网上下载"),
            ENTITY_ID,
            MaterialSpec("质量负责人身份证明、学历或职称证明", COPY, 1, "申请人自备"),
            MaterialSpec("经营场所、库房地址的地理位置图、平面图及产权或使用权证明", COPY, 1, "申请人自备"),
            MaterialSpec("经营质量管理制度、工作程序等文件目录", ORIGINAL, 1, "申请人自备"),
        ],
    ),
    (
        "XK-012",
        "approval",
        "第三类医疗器械经营许可（新办）",
        "《医疗器械监督管理条例》第四十二条；\n《医疗器械经营监督管理办法》第十三条、第十五条。",
        "有与经营规模和经营范围相适应的经营场所和贮存条件，有与经营的医疗器械相适应的质量管理制度和质量管理机构或者人员。",
        "申请—受理—材料审查—现场核查—作出决定—制发《医疗器械经营许可证》。",
        20,
        12,
        "",
        "",
        STANDARD_LICENCE,
        [
            MaterialSpec("医疗器械经营许可申请表", ORIGINAL, 1, "窗口领取或网上下载"),
            ENTITY_ID,
            MaterialSpec(
                "法定代表人、企业负责人、质量负责人的身份证明、学历或职称证明", COPY, 1, "申请人自备"
            ),
            MaterialSpec("组织机构与部门设置说明", ORIGINAL, 1, "申请人自备"),
            MaterialSpec("经营场所、库房的平面图及产权或使用权证明", COPY, 1, "申请人自备"),
            MaterialSpec("计算机信息管理系统基本情况介绍和功能说明", ORIGINAL, 1, "申请人自备"),
        ],
    ),
    (
        "XK-013",
        "approval",
        "营业执照遗失补领",
        "《中华人民共和国市场主体登记管理条例实施细则》第六十六条。",
        "营业执照遗失或者毁坏，已通过国家企业信用信息公示系统公告作废。",
        "提交申请—窗口核对—补发营业执照。",
        None,
        1,
        "",
        "",
        "申请材料齐全的，1 个工作日内补发。",
        [
            MaterialSpec("营业执照补领申请书", ORIGINAL, 1, "窗口领取或网上下载"),
            MaterialSpec("遗失作废公告截图", ELECTRONIC, 1, "国家企业信用信息公示系统"),
            PERSON_ID,
        ],
    ),
    (
        "XK-014",
        "approval",
        "特种设备使用登记",
        "《中华人民共和国特种设备安全法》第三十三条；\n"
        "《特种设备使用管理规则》（TSG 08—2017）第 3.1 条、第 3.2 条。",
        "特种设备已经监督检验合格，使用单位已建立特种设备安全管理制度并配备安全管理人员。",
        "申请—受理—审核—发放《特种设备使用登记证》。",
        15,
        5,
        "",
        "",
        "材料齐全的当场受理，5 个工作日内发证。",
        [
            MaterialSpec("特种设备使用登记表", ORIGINAL, 2, "窗口领取或网上下载"),
            ENTITY_ID,
            MaterialSpec("特种设备产品合格证", COPY, 1, "制造单位出具"),
            MaterialSpec("监督检验证明", COPY, 1, "特种设备检验机构出具"),
        ],
    ),
    (
        "SJ-001",
        "market",
        "消费投诉受理",
        "《中华人民共和国消费者权益保护法》第三十九条、第四十六条；\n"
        "《市场监督管理投诉举报处理暂行办法》（国家市场监督管理总局令第 20 号）第十五条、第十八条。",
        "投诉人与经营者因消费者权益发生争议；有明确的被投诉人、具体的投诉请求和事实理由；属于本局管辖。",
        "1. 登记投诉；2. 7 个工作日内决定是否受理并告知投诉人；3. 组织调解；4. 告知调解结果。",
        7,
        3,
        "",
        "",
        "接待投诉时首问负责、登记在册；决定不予受理的，书面告知理由。",
        [
            MaterialSpec("投诉书或投诉登记表", ORIGINAL, 1, "窗口填写或申请人自备"),
            MaterialSpec("投诉人身份证明", COPY, 1, "公安机关核发"),
            MaterialSpec(
                "购物凭证、服务单据、合同等证据材料", COPY, 1, "投诉人自备", "照片、聊天记录等电子证据亦可"
            ),
        ],
    ),
    (
        "SJ-002",
        "market",
        "违法行为举报受理",
        "《市场监督管理投诉举报处理暂行办法》第二十七条、第三十一条；\n"
        "《市场监督管理行政处罚程序规定》第十八条。",
        "有具体的被举报对象和涉嫌违反市场监督管理法律、法规、规章的具体线索。",
        "登记—核查—15 个工作日内决定是否立案—举报人留有联系方式的，告知处理结果。",
        15,
        10,
        "",
        "",
        "对举报人信息严格保密；举报人要求的，告知是否立案。",
        [
            MaterialSpec("举报材料或举报登记表", ORIGINAL, 1, "窗口填写或举报人自备"),
            MaterialSpec("相关证据或线索材料", COPY, 1, "举报人自备", "可匿名举报；实名举报请留联系方式"),
        ],
    ),
    (
        "SJ-003",
        "market",
        "计量器具强制检定",
        "《中华人民共和国计量法》第九条；\n《中华人民共和国强制检定的工作计量器具检定管理办法》第四条、第十条。",
        "用于贸易结算、安全防护、医疗卫生、环境监测并列入强制检定目录的工作计量器具。",
        "1. 使用单位登记备案并提出检定申请；2. 检定机构按期检定；3. 出具检定证书或检定结果通知书。",
        20,
        10,
        "",
        "根据《财政部 国家发展改革委关于清理规范一批行政事业性收费有关政策的通知》（财税〔2017〕20号），"
        "强制检定停征检定费。",
        "按检定规程实施检定，检定合格的粘贴合格标记。",
        [
            MaterialSpec("强制检定计量器具登记表", ORIGINAL, 1, "窗口领取或网上下载"),
            ENTITY_ID,
            MaterialSpec("计量器具清单（名称、型号、出厂编号、使用地点）", ORIGINAL, 1, "申请人自备"),
        ],
    ),
    (
        "SJ-004",
        "market",
        "经营异常名录移出申请",
        "《企业信息公示暂行条例》第十七条；\n"
        "《市场监督管理信用修复管理办法》（国市监信规〔2021〕3号）第八条、第十一条。",
        "因未按期公示年报等原因被列入经营异常名录，已补报年报或已纠正相关情形。",
        "提交申请—核实—作出移出决定—在国家企业信用信息公示系统公示。",
        15,
        5,
        "",
        "",
        "材料齐全的当场受理，5 个工作日内作出决定。",
        [
            MaterialSpec("移出经营异常名录申请书", ORIGINAL, 1, "窗口领取或网上下载"),
            ENTITY_ID,
            MaterialSpec("已纠正相关情形的证明材料", COPY, 1, "申请人自备", "如已补报年报的截图"),
            MaterialSpec("信用修复承诺书", ORIGINAL, 1, "申请人出具"),
        ],
    ),
    (
        "FG-001",
        "legal",
        "行政复议申请受理",
        "《中华人民共和国行政复议法》第二十条、第二十二条、第三十条。",
        "认为本局或下属机构的行政行为侵犯其合法权益，自知道该行政行为之日起 60 日内提出申请。",
        "1. 提交申请；2. 5 日内进行审查，决定是否受理；3. 不予受理的，书面告知理由；4. 受理后依法审理。",
        5,
        3,
        "",
        "",
        "当场登记申请，申请书内容不全的一次性告知补正事项。",
        [
            MaterialSpec("行政复议申请书", ORIGINAL, 2, "申请人自备", "按被申请人数量增加副本"),
            MaterialSpec("申请人身份证明", COPY, 1, "公安机关核发", "法人或其他组织提供营业执照"),
            MaterialSpec("被申请复议的行政行为文书", COPY, 1, "申请人自备"),
            MaterialSpec("其他有关证据材料", COPY, 1, "申请人自备"),
            PROXY,
        ],
    ),
    (
        "FG-002",
        "legal",
        "行政处罚听证申请受理",
        "《中华人民共和国行政处罚法》第六十三条、第六十四条；\n《市场监督管理行政处罚听证办法》第六条、第十二条。",
        "当事人在收到行政处罚告知书后 5 个工作日内提出听证要求，属于应当告知听证的处罚种类。",
        "当场受理登记—确定听证主持人—听证 7 日前送达听证通知书—组织听证。",
        None,
        1,
        "",
        "",
        "听证申请当场登记，1 个工作日内确定听证主持人。",
        [
            MaterialSpec("听证申请书", ORIGINAL, 1, "当事人自备", "也可口头提出，由工作人员记录"),
            MaterialSpec("行政处罚告知书", COPY, 1, "本局送达"),
            MaterialSpec("当事人身份证明", COPY, 1, "公安机关核发"),
        ],
    ),
    (
        "FG-003",
        "legal",
        "行政规范性文件异议审查申请",
        "《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）；\n"
        "《浙江省行政规范性文件管理办法》第二十九条。",
        "公民、法人或者其他组织认为本局制定的行政规范性文件违反法律、法规、规章。",
        "提交审查建议—登记—审查—书面答复。",
        30,
        15,
        "",
        "",
        "收到审查建议后 15 个工作日内书面答复。",
        [
            MaterialSpec("行政规范性文件审查建议书", ORIGINAL, 1, "申请人自备", "写明文件名称、条款及理由"),
            MaterialSpec("申请人身份证明", COPY, 1, "公安机关核发"),
        ],
    ),
    (
        "CW-001",
        "finance",
        "非税收入票据核销",
        "《财政票据管理办法》（财政部令第 104 号）第二十七条、第二十八条；\n"
        "《浙江省政府非税收入管理条例》第二十二条。",
        "已使用完毕的非税收入票据，存根、作废票据各联次齐全。",
        "提交核销资料—逐份核对—当场核销并登记。",
        None,
        0,
        "",
        "",
        "资料齐全的当场核销。",
        [
            MaterialSpec("财政票据核销申请表", ORIGINAL, 1, "窗口领取"),
            MaterialSpec("已使用票据存根联", ORIGINAL, 1, "使用单位保存"),
            MaterialSpec("作废票据全部联次", ORIGINAL, 1, "使用单位保存", "作废票据须各联齐全并加盖作废章"),
            MaterialSpec("财政票据领购证", ORIGINAL, 1, "财政部门核发"),
        ],
    ),
    (
        "CW-002",
        "finance",
        "行政事业性收费退付申请",
        "《政府非税收入管理办法》（财税〔2016〕33号）第二十六条。",
        "多缴、误缴或依法应当退还的行政事业性收费。",
        "提交申请—核实缴款信息—审批—办理退付。",
        None,
        10,
        "",
        "",
        "收到申请后 10 个工作日内办结退付手续。",
        [
            MaterialSpec("非税收入退付申请书", ORIGINAL, 1, "窗口领取"),
            MaterialSpec("原缴款凭证", COPY, 1, "缴款时取得"),
            MaterialSpec("收款人银行账户信息", COPY, 1, "申请人自备"),
        ],
    ),
    (
        "BG-001",
        "office",
        "政府信息公开申请",
        "《中华人民共和国政府信息公开条例》第二十七条、第二十九条、第三十三条。",
        "公民、法人或者其他组织向本局申请获取本局制作或者保存的政府信息。",
        "1. 提交申请；2. 登记；3. 能够当场答复的当场答复，不能当场答复的在规定期限内答复；4. 送达答复书。",
        20,
        15,
        "一般不收费；申请数量、频次明显超过合理范围的，按件或按量计收信息处理费。",
        "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
        "能够当场答复的当场答复；需要延长答复期限的，书面告知申请人。",
        [
            MaterialSpec("政府信息公开申请表", ORIGINAL, 1, "窗口领取或网上下载"),
            MaterialSpec("申请人身份证明", COPY, 1, "公安机关核发"),
            MaterialSpec(
                "法人或者其他组织的营业执照或登记证书",
                COPY,
                1,
                "登记机关核发",
                "以法人或其他组织名义申请时提供",
            ),
        ],
    ),
    (
        "BG-002",
        "office",
        "档案查阅利用",
        "《中华人民共和国档案法》第二十八条；\n《机关档案管理规定》第五十一条。",
        "查阅本局已向社会开放的档案，或与本人（本单位）有关的档案。",
        "登记—核实身份—当场提供查阅或复制。",
        None,
        0,
        "",
        "",
        "登记后当场提供查阅，复制件加盖档案证明章。",
        [
            MaterialSpec("档案查阅登记表", ORIGINAL, 1, "现场填写"),
            MaterialSpec("查阅人身份证", ORIGINAL, 1, "公安机关核发", "现场核验后退还"),
            MaterialSpec("单位介绍信", ORIGINAL, 1, "查阅人所在单位出具", "以单位名义查阅时提供"),
        ],
    ),
    (
        "XN-001",
        "supervision",
        "机关效能投诉受理",
        "《浙江省机关效能建设若干规定》；\n本市《机关效能投诉处理办法》第十二条、第十六条。",
        "对本局工作人员不作为、慢作为、乱作为，违反服务承诺、首问责任、限时办结等效能制度的行为。",
        "1. 登记投诉；2. 7 个工作日内决定是否受理；3. 调查核实；4. 受理后 15 个工作日内答复投诉人。",
        15,
        10,
        "",
        "",
        "为投诉人保密；不论是否受理，均告知投诉人。",
        [
            MaterialSpec("效能投诉登记表", ORIGINAL, 1, "现场填写或电话登记"),
            MaterialSpec("投诉人身份证明", COPY, 1, "公安机关核发", "匿名投诉可不提供，但无法告知处理结果"),
            MaterialSpec("相关证据材料", COPY, 1, "投诉人自备"),
        ],
    ),
]

BOARD_TEXTS = [
    (
        BoardText.Kind.STANDARDS,
        "服务标准",
        1,
        "一、着装整洁，佩证上岗，亮牌服务，窗口工作人员姓名、岗位、职责对外公示。\n"
        "二、文明用语，热情接待，首问负责，不推诿、不刁难，不说“不知道”“不归我管”。\n"
        "三、办事依据、条件、程序、材料、时限、收费标准全部公开，事项以本公示栏为准。\n"
        "四、工作日午间设值班窗口，不间断服务；实行 AB 岗工作制，岗位不空缺、工作不断档。\n"
        "五、严格执行一次性告知、限时办结、否定报备等机关效能建设制度。",
    ),
    (
        BoardText.Kind.PROMISES,
        "服务承诺",
        2,
        "一、申请材料齐全、符合法定形式的，当场受理；能够当场办结的，当场办结。\n"
        "二、每个服务事项都在公示的承诺时限内办结，承诺时限一律不超过法定时限。\n"
        "三、申请材料不齐全或者不符合法定形式的，当场一次性书面告知需要补正的全部内容，"
        "不让办事群众因同一事项来回跑。\n"
        "四、不予受理或者不予许可的，书面说明理由和依据，并告知依法享有申请行政复议（60 日内）"
        "或者提起行政诉讼（6 个月内）的权利。\n"
        "五、严格按公示标准收费，不收取公示以外的任何费用；不吃请、不收礼、不刁难。",
    ),
    (
        BoardText.Kind.BREACH,
        "违诺处理",
        3,
        "一、工作人员违反服务承诺的，办事群众可向本局效能监督室投诉，经查实的记入违诺登记。\n"
        "二、视情节轻重，对责任人予以批评教育、效能告诫或者通报批评；"
        "造成不良影响或者被投诉查实的，移交责任追究程序处理。\n"
        "三、因违诺延误办理的，由科室负责人督办，立即办理并向办事群众当面说明情况、赔礼道歉。\n"
        "四、违诺情况纳入工作人员年度效能考评。",
    ),
    (
        BoardText.Kind.COMPLAINTS,
        "投诉方式",
        4,
        "效能投诉电话：0571-8800-1006（效能监督室，工作日 9:00—17:00）\n"
        "来访地址：局机关五楼 501 室 效能监督室\n"
        "来信地址：本局效能监督室（请在信封上注明“效能投诉”）\n"
        "网上投诉：本局门户网站“效能投诉”栏目，或拨打 12345 政务服务便民热线\n"
        "投诉时请说明被投诉人或科室、事情经过和您的诉求，并留下联系方式。效能监督室自收到投诉之日起 "
        "7 个工作日内决定是否受理，受理后 15 个工作日内答复您；情况复杂的，经批准可延长至 30 个工作日。"
        "我们对投诉人的信息严格保密。",
    ),
]


def _moment(day: date, hour: int) -> datetime:
    return min(timezone.make_aware(datetime.combine(day, time(hour))), timezone.now())


# The post (org/demo.py's POSTS) answering for each section's items; the items another post answers for.
SECTION_POSTS = {
    "approval": "许可审查岗",
    "market": "投诉举报岗",
    "legal": "复议应诉岗",
    "finance": "收费管理岗",
    "office": "文秘岗",
    "supervision": "效能投诉岗",
}
ITEM_POSTS = {
    "XK-013": "证照发放岗",
    "SJ-003": "监督检查岗",
    "SJ-004": "监督检查岗",
    "FG-003": "法制审核岗",
    "CW-001": "预算会计岗",
}


def _post_of(code: str, section: str) -> Post | None:
    return Post.objects.filter(
        department__code=section, name=ITEM_POSTS.get(code, SECTION_POSTS[section])
    ).first()


def _seed_items() -> int:
    departments = {department.code: department for department in Department.objects.all()}
    keeper = get_user_model().objects.get(username="admin")
    existing = {item.code: item for item in ServiceItem.objects.select_related("department", "post")}
    made = 0
    for (
        code,
        section,
        name,
        basis,
        conditions,
        procedure,
        statutory_days,
        committed_days,
        fees,
        fee_basis,
        service_standard,
        materials,
    ) in ITEMS:
        if code in existing:
            item = existing[code]
            if item.post is None and item.department.code == section:
                service_item_update_listing(actor=keeper, item=item, post=_post_of(code, section))
            continue
        department = departments[section]
        with clock.as_of(_moment(PUBLISHED_ON, 9)):
            service_item_create(
                actor=keeper,
                code=code,
                department=department,
                post=_post_of(code, section),
                content={
                    "name": name,
                    "basis": basis,
                    "conditions": conditions,
                    "procedure": procedure,
                    "statutory_days": statutory_days,
                    "committed_days": committed_days,
                    "fees": fees,
                    "fee_basis": fee_basis,
                    "service_standard": service_standard,
                    "place": PLACES[section],
                    "hours": HOURS,
                    "consult_channel": f"{department.name} {department.public_phone}",
                    "complaint_channel": COMPLAINT_CHANNEL,
                },
                materials=materials,
            )
        made += 1
    return made


def _seed_breaches() -> int:
    """The register's breaches, each once, when its day is past."""
    staff = {member.name: member for member in Staff.objects.select_related("user")}
    items = {item.code: item for item in ServiceItem.objects.all()}
    recorder = staff.get(BREACH_RECORDER)
    if recorder is None:
        return 0
    made = 0
    for name, code, occurred_on, promised, happened, complaint in BREACHES:
        recorded_on = occurred_on + timedelta(days=1)
        recorded = Breach.objects.filter(
            staff=staff[name], occurred_on=occurred_on, recorded_by=recorder.user
        )
        if recorded_on >= timezone.localdate() or recorded.exists():
            continue
        with clock.as_of(_moment(recorded_on, 10)):
            breach_record(
                actor=recorder.user,
                staff=staff[name],
                item=items[code],
                occurred_on=occurred_on,
                promised=promised,
                happened=happened,
                complaint_received=complaint,
            )
        made += 1
    return made


def seed() -> str:
    made = _seed_items()
    texts_made = 0
    for kind, title, order, body in BOARD_TEXTS:
        _text, created = BoardText.objects.get_or_create(
            kind=kind, defaults={"title": title, "order": order, "body": body}
        )
        texts_made += created
    breaches_made = _seed_breaches()
    return (
        f"{ServiceItem.objects.count()} service items ({made} new), "
        f"{BoardText.objects.count()} board texts ({texts_made} new), "
        f"{Breach.objects.count()} breaches ({breaches_made} new)"
    )
