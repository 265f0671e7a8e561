"""The demo bureau: six sections, 32 staff, posts with A and B holders.

Idempotent: rows are found by their natural keys and only created or
brought back to the values below; passwords are set only when they differ.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from org.models import Department, Post, Staff
from org.roles import Role

DEMO_PASSWORD = "demo-pass-2026"

DEPARTMENTS = [
    ("office", "办公室", "0571-8800-1001", "201", "负责局机关日常运转、文秘、档案、后勤保障。"),
    (
        "approval",
        "行政审批科",
        "0571-8800-1002",
        "一楼大厅 1-6 号窗口",
        "集中受理、审查、办理本局行政许可事项。",
    ),
    ("market", "市场监管科", "0571-8800-1003", "305", "负责市场主体登记后的监督检查与投诉举报处理。"),
    ("legal", "政策法规科", "0571-8800-1004", "402", "负责规范性文件审查、行政复议应诉、法制宣传。"),
    ("finance", "计划财务科", "0571-8800-1005", "210", "负责预算、收费管理、国有资产管理。"),
    ("supervision", "效能监督室", "0571-8800-1006", "501", "负责机关效能投诉受理、效能告诫、效能考评。"),
]

# username, name, department, title, rank, roles
LOGINS = [
    ("frontdesk", "王晓燕", "approval", "科员", 2, [Role.FRONT_DESK]),
    ("handler", "张建国", "approval", "主任科员", 4, [Role.HANDLER]),
    ("chief", "李红梅", "approval", "科长", 7, [Role.SECTION_CHIEF, Role.HANDLER]),
    ("handler2", "刘志强", "market", "主任科员", 4, [Role.HANDLER]),
    ("chief2", "陈静", "market", "科长", 7, [Role.SECTION_CHIEF, Role.HANDLER]),
    ("supervisor", "周敏", "supervision", "主任", 7, [Role.SUPERVISOR]),
    ("admin", "孙浩", "office", "信息管理员", 3, [Role.ADMINISTRATOR]),
]

# More staff, so that every section has a believable team.
OTHERS = [
    ("approval", "赵丽", "副科长", 6, [Role.SECTION_CHIEF, Role.HANDLER]),
    ("approval", "钱伟", "科员", 3, [Role.HANDLER, Role.FRONT_DESK]),
    ("approval", "孙婷", "科员", 3, [Role.HANDLER, Role.FRONT_DESK]),
    ("approval", "吴磊", "办事员", 2, [Role.FRONT_DESK]),
    ("approval", "郑欣", "科员", 3, [Role.HANDLER]),
    ("market", "冯刚", "副科长", 6, [Role.SECTION_CHIEF, Role.HANDLER]),
    ("market", "卫芳", "科员", 3, [Role.HANDLER]),
    ("market", "蒋涛", "科员", 3, [Role.HANDLER]),
    ("market", "沈琳", "办事员", 2, [Role.FRONT_DESK]),
    ("office", "韩梅", "主任", 7, [Role.SECTION_CHIEF]),
    ("office", "杨帆", "科员", 3, [Role.HANDLER]),
    ("office", "朱丹", "科员", 3, [Role.FRONT_DESK, Role.HANDLER]),
    ("legal", "秦岭", "科长", 7, [Role.SECTION_CHIEF, Role.HANDLER]),
    ("legal", "尤佳", "主任科员", 4, [Role.HANDLER]),
    ("legal", "许诺", "科员", 3, [Role.HANDLER]),
    ("legal", "何平", "科员", 3, [Role.HANDLER]),
    ("finance", "吕青", "科长", 7, [Role.SECTION_CHIEF, Role.HANDLER]),
    ("finance", "施洋", "主任科员", 4, [Role.HANDLER]),
    ("finance", "张悦", "科员", 3, [Role.HANDLER]),
    ("finance", "孔亮", "办事员", 2, [Role.HANDLER]),
    ("supervision", "曹颖", "副主任", 6, [Role.SUPERVISOR]),
    ("supervision", "严明", "科员", 3, [Role.SUPERVISOR]),
    ("supervision", "华静", "科员", 3, [Role.SUPERVISOR]),
    ("office", "金鑫", "科员", 3, [Role.ADMINISTRATOR]),
    ("approval", "魏然", "科员", 3, [Role.HANDLER]),
]

# department, post name, duties, A holder's name, B holder's name
POSTS = [
    ("approval", "综合受理窗口", "接待办事群众，收件、材料初审、一次性告知。", "王晓燕", "吴磊"),
    ("approval", "许可审查岗", "对申请材料进行实质审查，出具审查意见。", "张建国", "钱伟"),
    ("approval", "证照发放岗", "制作并发放许可证照，办结归档。", "孙婷", "郑欣"),
    ("approval", "审批管理岗", "审批流程督办、延期审核、不予受理报备。", "赵丽", "魏然"),
    ("market", "投诉举报岗", "受理市场领域投诉举报，登记、分办、回复。", "刘志强", "卫芳"),
    ("market", "监督检查岗", "组织日常监督检查和专项整治。", "冯刚", "蒋涛"),
    ("market", "咨询服务岗", "接待来访咨询，引导办事。", "沈琳", "卫芳"),
    ("office", "文秘岗", "公文处理、会议组织、信息报送。", "杨帆", "朱丹"),
    ("office", "信息化岗", "信息系统运行维护、数据管理。", "孙浩", "金鑫"),
    ("legal", "法制审核岗", "规范性文件与重大执法决定法制审核。", "尤佳", "许诺"),
    ("legal", "复议应诉岗", "行政复议、行政诉讼应诉工作。", "何平", "许诺"),
    ("finance", "预算会计岗", "预算编制执行、会计核算。", "施洋", "张悦"),
    ("finance", "收费管理岗", "行政事业性收费管理、票据管理。", "张悦", "孔亮"),
    ("supervision", "效能投诉岗", "受理效能投诉，调查核实，答复投诉人。", "曹颖", "严明"),
    ("supervision", "效能考评岗", "组织效能考评，汇总通报。", "严明", "华静"),
]


def _department(code: str) -> Department:
    return Department.objects.get(code=code)


def _ensure_user(username: str, name: str, roles: list[str], *, is_staff: bool):
    user_model = get_user_model()
    user, _created = user_model.objects.get_or_create(
        username=username,
        defaults={"first_name": name, "email": f"{username}@bureau.example", "is_staff": is_staff},
    )
    if not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    wanted = {Group.objects.get_or_create(name=role)[0] for role in roles}
    if set(user.groups.all()) != wanted:
        user.groups.set(wanted)
    return user


def _ensure_staff(user, *, name, department, title, rank, number) -> Staff:
    staff, created = Staff.objects.get_or_create(
        user=user,
        defaults={
            "name": name,
            "department": department,
            "title": title,
            "rank": rank,
            "employee_number": number,
        },
    )
    return staff


def seed() -> str:
    from constance import config

    if not config.BUREAU_NAME:
        config.BUREAU_NAME = "示范市市场监督管理局"
    created_before = Staff.objects.count()
    for order, (code, name, phone, room, duties) in enumerate(DEPARTMENTS):
        Department.objects.get_or_create(
            code=code,
            defaults={"name": name, "public_phone": phone, "room": room, "duties": duties, "order": order},
        )
    number = 0
    for username, name, code, title, rank, roles in LOGINS:
        number += 1
        user = _ensure_user(username, name, roles, is_staff=Role.ADMINISTRATOR in roles)
        _ensure_staff(
            user, name=name, department=_department(code), title=title, rank=rank, number=f"D{number:04d}"
        )
    for index, (code, name, title, rank, roles) in enumerate(OTHERS, start=1):
        number += 1
        user = _ensure_user(f"staff{index:02d}", name, roles, is_staff=Role.ADMINISTRATOR in roles)
        _ensure_staff(
            user, name=name, department=_department(code), title=title, rank=rank, number=f"D{number:04d}"
        )
    for code, post_name, duties, a_name, b_name in POSTS:
        department = _department(code)
        Post.objects.get_or_create(
            department=department,
            name=post_name,
            defaults={
                "duties": duties,
                "a_holder": Staff.objects.get(name=a_name),
                "b_holder": Staff.objects.get(name=b_name),
            },
        )
    made = Staff.objects.count() - created_before
    return (
        f"{Department.objects.count()} departments, {Staff.objects.count()} staff ({made} new), "
        f"{Post.objects.count()} posts"
    )
