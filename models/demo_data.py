"""SAMPLE demo data for the plan tracker.

This is SAMPLE data inspired by Kế hoạch số 55/KH-UBND (12/4/2022) of the People's Committee of
Tuyên Quang province on digital transformation (implementing Resolution 48-NQ/TU). It is NOT the
official appendix of the plan: task wording, lead/coordinating agencies, outputs, progress notes and
all figures are illustrative only. E-mail addresses use the reserved ``example`` domain.

``AGENCIES`` lists the lead and coordinating agencies; ``TASKS`` lists 109 tasks in the plan's six
categories. Each task carries a ``profile`` that a seeding script turns into dates and a status:

- ``done_on_time``: hoàn thành đúng hạn
- ``done_late``: hoàn thành quá hạn
- ``in_progress``: đang thực hiện trong hạn
- ``overdue``: đang thực hiện quá hạn
- ``overdue_not_started``: quá hạn, chưa triển khai
- ``due_soon``: đang thực hiện, sắp đến hạn
- ``submitted``: đã báo cáo hoàn thành, chờ Sở TT&TT xác nhận
- ``not_started``: chưa triển khai (còn trong hạn)
- ``ongoing``: nhiệm vụ thường xuyên, không có hạn kết thúc
- ``yearly``: nhiệm vụ hằng năm
- ``cancelled``: dừng thực hiện
"""

from __future__ import annotations

from typing import NamedTuple


class DemoAgency(NamedTuple):
    code: str
    name: str
    short_name: str
    aliases: tuple[str, ...]
    emails: tuple[str, ...]


class DemoTask(NamedTuple):
    number: str
    category: str
    title: str
    lead: str
    coordinators: tuple[str, ...]
    output: str
    profile: str
    note: str


AGENCIES: tuple[DemoAgency, ...] = (
    DemoAgency(
        code="sotttt",
        name="Sở Thông tin và Truyền thông",
        short_name="Sở TT&TT",
        aliases=("STTTT", "Sở Thông tin & Truyền thông", "Sở TTTT"),
        emails=("sotttt@tuyenquang.example", "vanphong.sotttt@tuyenquang.example"),
    ),
    DemoAgency(
        code="vpubnd",
        name="Văn phòng Ủy ban nhân dân tỉnh",
        short_name="VP UBND tỉnh",
        aliases=("VPUBND", "Văn phòng UBND tỉnh", "Văn phòng Uỷ ban nhân dân tỉnh"),
        emails=("vpubnd@tuyenquang.example",),
    ),
    DemoAgency(
        code="sonv",
        name="Sở Nội vụ",
        short_name="Sở Nội vụ",
        aliases=("SNV", "Sở NV"),
        emails=("sonv@tuyenquang.example",),
    ),
    DemoAgency(
        code="congan",
        name="Công an tỉnh",
        short_name="Công an tỉnh",
        aliases=("CA tỉnh", "Công an tỉnh Tuyên Quang"),
        emails=("congan@tuyenquang.example",),
    ),
    DemoAgency(
        code="sotnmt",
        name="Sở Tài nguyên và Môi trường",
        short_name="Sở TN&MT",
        aliases=("STNMT", "Sở TNMT", "Sở Tài nguyên & Môi trường"),
        emails=("sotnmt@tuyenquang.example",),
    ),
    DemoAgency(
        code="sovhttdl",
        name="Sở Văn hóa, Thể thao và Du lịch",
        short_name="Sở VHTT&DL",
        aliases=("SVHTTDL", "Sở VHTTDL", "Sở Văn hoá, Thể thao và Du lịch"),
        emails=("sovhttdl@tuyenquang.example",),
    ),
    DemoAgency(
        code="sonnptnt",
        name="Sở Nông nghiệp và Phát triển nông thôn",
        short_name="Sở NN&PTNT",
        aliases=("SNNPTNT", "Sở NNPTNT", "Sở Nông nghiệp & PTNT"),
        emails=("sonnptnt@tuyenquang.example",),
    ),
    DemoAgency(
        code="soyte",
        name="Sở Y tế",
        short_name="Sở Y tế",
        aliases=("SYT", "Sở Y Tế"),
        emails=("soyte@tuyenquang.example",),
    ),
    DemoAgency(
        code="sogddt",
        name="Sở Giáo dục và Đào tạo",
        short_name="Sở GD&ĐT",
        aliases=("SGDĐT", "Sở GDĐT", "Sở Giáo dục & Đào tạo"),
        emails=("sogddt@tuyenquang.example",),
    ),
    DemoAgency(
        code="sokhdt",
        name="Sở Kế hoạch và Đầu tư",
        short_name="Sở KH&ĐT",
        aliases=("SKHĐT", "Sở KHĐT", "Sở Kế hoạch & Đầu tư"),
        emails=("sokhdt@tuyenquang.example",),
    ),
    DemoAgency(
        code="sotc",
        name="Sở Tài chính",
        short_name="Sở Tài chính",
        aliases=("STC", "Sở TC"),
        emails=("sotc@tuyenquang.example",),
    ),
    DemoAgency(
        code="soct",
        name="Sở Công Thương",
        short_name="Sở Công Thương",
        aliases=("SCT", "Sở Công thương"),
        emails=("soct@tuyenquang.example",),
    ),
    DemoAgency(
        code="sotp",
        name="Sở Tư pháp",
        short_name="Sở Tư pháp",
        aliases=("STP", "Sở TP"),
        emails=("sotp@tuyenquang.example",),
    ),
    DemoAgency(
        code="soldtbxh",
        name="Sở Lao động - Thương binh và Xã hội",
        short_name="Sở LĐ-TB&XH",
        aliases=("SLĐTBXH", "Sở LĐTBXH", "Sở Lao động, Thương binh và Xã hội"),
        emails=("soldtbxh@tuyenquang.example",),
    ),
    DemoAgency(
        code="sogtvt",
        name="Sở Giao thông vận tải",
        short_name="Sở GTVT",
        aliases=("SGTVT", "Sở Giao thông - Vận tải"),
        emails=("sogtvt@tuyenquang.example",),
    ),
    DemoAgency(
        code="soxd",
        name="Sở Xây dựng",
        short_name="Sở Xây dựng",
        aliases=("SXD", "Sở XD"),
        emails=("soxd@tuyenquang.example",),
    ),
    DemoAgency(
        code="ttpvhcc",
        name="Trung tâm Phục vụ hành chính công tỉnh",
        short_name="TT PVHCC tỉnh",
        aliases=("TTPVHCC", "Trung tâm PVHCC tỉnh", "Trung tâm Hành chính công tỉnh"),
        emails=("ttpvhcc@tuyenquang.example",),
    ),
    DemoAgency(
        code="dienluc",
        name="Công ty Điện lực Tuyên Quang",
        short_name="PC Tuyên Quang",
        aliases=("Điện lực Tuyên Quang", "PCTQ"),
        emails=("dienluc@tuyenquang.example",),
    ),
    DemoAgency(
        code="viettel",
        name="Viettel Tuyên Quang - Chi nhánh Tập đoàn Công nghiệp - Viễn thông Quân đội",
        short_name="Viettel Tuyên Quang",
        aliases=("Viettel", "Chi nhánh Viettel Tuyên Quang"),
        emails=("viettel@tuyenquang.example",),
    ),
    DemoAgency(
        code="vnpt",
        name="Viễn thông Tuyên Quang (VNPT Tuyên Quang)",
        short_name="VNPT Tuyên Quang",
        aliases=("VNPT", "Viễn thông Tuyên Quang", "VNPT TQ"),
        emails=("vnpt@tuyenquang.example",),
    ),
    DemoAgency(
        code="bhxh",
        name="Bảo hiểm xã hội tỉnh Tuyên Quang",
        short_name="BHXH tỉnh",
        aliases=("BHXH", "Bảo hiểm xã hội tỉnh"),
        emails=("bhxh@tuyenquang.example",),
    ),
    DemoAgency(
        code="nhnn",
        name="Ngân hàng Nhà nước Chi nhánh tỉnh Tuyên Quang",
        short_name="NHNN tỉnh",
        aliases=("NHNN", "Ngân hàng Nhà nước tỉnh", "NHNN Chi nhánh Tuyên Quang"),
        emails=("nhnn@tuyenquang.example",),
    ),
    DemoAgency(
        code="baotq",
        name="Báo Tuyên Quang",
        short_name="Báo Tuyên Quang",
        aliases=("Báo TQ", "Báo Tuyên Quang điện tử"),
        emails=(),
    ),
    DemoAgency(
        code="daipth",
        name="Đài Phát thanh và Truyền hình tỉnh Tuyên Quang",
        short_name="Đài PT-TH tỉnh",
        aliases=("Đài PTTH tỉnh", "Đài PT&TH Tuyên Quang", "TTV"),
        emails=("daipth@tuyenquang.example",),
    ),
    DemoAgency(
        code="ubndtp",
        name="Ủy ban nhân dân thành phố Tuyên Quang",
        short_name="UBND TP Tuyên Quang",
        aliases=("UBND thành phố Tuyên Quang", "UBND TP. Tuyên Quang", "UBND TPTQ"),
        emails=("ubndtp@tuyenquang.example",),
    ),
    DemoAgency(
        code="ubndchiemhoa",
        name="Ủy ban nhân dân huyện Chiêm Hóa",
        short_name="UBND huyện Chiêm Hóa",
        aliases=("UBND Chiêm Hóa", "UBND huyện Chiêm Hoá"),
        emails=("ubndchiemhoa@tuyenquang.example",),
    ),
    DemoAgency(
        code="ubndlambinh",
        name="Ủy ban nhân dân huyện Lâm Bình",
        short_name="UBND huyện Lâm Bình",
        aliases=("UBND Lâm Bình",),
        emails=(),
    ),
    DemoAgency(
        code="ubndsonduong",
        name="Ủy ban nhân dân huyện Sơn Dương",
        short_name="UBND huyện Sơn Dương",
        aliases=("UBND Sơn Dương",),
        emails=("ubndsonduong@tuyenquang.example",),
    ),
    DemoAgency(
        code="ubndhamyen",
        name="Ủy ban nhân dân huyện Hàm Yên",
        short_name="UBND huyện Hàm Yên",
        aliases=("UBND Hàm Yên",),
        emails=("ubndhamyen@tuyenquang.example",),
    ),
    DemoAgency(
        code="ubndnahang",
        name="Ủy ban nhân dân huyện Na Hang",
        short_name="UBND huyện Na Hang",
        aliases=("UBND Na Hang",),
        emails=("ubndnahang@tuyenquang.example",),
    ),
    DemoAgency(
        code="ubndyenson",
        name="Ủy ban nhân dân huyện Yên Sơn",
        short_name="UBND huyện Yên Sơn",
        aliases=("UBND Yên Sơn",),
        emails=("ubndyenson@tuyenquang.example",),
    ),
)


TASKS: tuple[DemoTask, ...] = (
    # ------------------------------------------------------------------ awareness (1-4)
    DemoTask(
        number="1",
        category="awareness",
        title=(
            "Tuyên truyền, nâng cao nhận thức về chuyển đổi số trên báo chí, hệ thống thông tin cơ sở và mạng xã hội"
        ),
        lead="sotttt",
        coordinators=("baotq", "daipth", "ubndtp"),
        output="Tin, bài, chuyên mục tuyên truyền được đăng tải thường xuyên",
        profile="ongoing",
        note=(
            "6 tháng đầu năm đã đăng tải 412 tin, bài về chuyển đổi số; duy trì chuyên mục trên Cổng TTĐT "
            "tỉnh và 138 đài truyền thanh cấp xã."
        ),
    ),
    DemoTask(
        number="2",
        category="awareness",
        title=(
            "Mở chuyên trang, chuyên mục “Chuyển đổi số” trên Báo Tuyên Quang in, điện tử và trên sóng phát "
            "thanh, truyền hình tỉnh"
        ),
        lead="baotq",
        coordinators=("daipth", "sotttt"),
        output="Chuyên trang, chuyên mục được mở và duy trì định kỳ",
        profile="done_on_time",
        note=("Đã mở chuyên mục “Chuyển đổi số” trên Báo in và Báo điện tử từ tháng 6/2022, phát hành hằng tuần."),
    ),
    DemoTask(
        number="3",
        category="awareness",
        title=("Tổ chức Ngày Chuyển đổi số tỉnh Tuyên Quang hằng năm gắn với Ngày Chuyển đổi số quốc gia (10/10)"),
        lead="sotttt",
        coordinators=("vpubnd", "sovhttdl", "viettel", "vnpt"),
        output="Sự kiện Ngày Chuyển đổi số được tổ chức hằng năm",
        profile="yearly",
        note=("Đã tổ chức Ngày Chuyển đổi số năm 2022; đang xây dựng kế hoạch tổ chức năm 2023, trình UBND tỉnh."),
    ),
    DemoTask(
        number="4",
        category="awareness",
        title=(
            "Bồi dưỡng, tập huấn kiến thức, kỹ năng số cho cán bộ, công chức, viên chức và thành viên Tổ "
            "công nghệ số cộng đồng"
        ),
        lead="sonv",
        coordinators=("sotttt", "viettel", "vnpt"),
        output="Các lớp bồi dưỡng, tập huấn được tổ chức theo kế hoạch",
        profile="in_progress",
        note=(
            "Đã tổ chức 12 lớp cho 1.150 lượt cán bộ, công chức; đang phối hợp tập huấn cho Tổ công nghệ số "
            "cộng đồng tại các huyện."
        ),
    ),
    # ------------------------------------------------------------------ policy (5-21)
    DemoTask(
        number="5",
        category="policy",
        title=("Xây dựng, ban hành Quy chế hoạt động của Ban Chỉ đạo chuyển đổi số tỉnh và Tổ giúp việc Ban Chỉ đạo"),
        lead="sotttt",
        coordinators=("vpubnd", "sonv"),
        output="Quy chế được Trưởng Ban Chỉ đạo ban hành",
        profile="done_on_time",
        note="Đã hoàn thành; Quy chế hoạt động được ban hành trong Quý II/2022.",
    ),
    DemoTask(
        number="6",
        category="policy",
        title=(
            "Xây dựng, ban hành Kiến trúc Chính quyền điện tử tỉnh Tuyên Quang phiên bản 2.0, hướng tới Chính quyền số"
        ),
        lead="sotttt",
        coordinators=("vpubnd", "sokhdt"),
        output="Quyết định của UBND tỉnh ban hành Kiến trúc",
        profile="done_late",
        note="Đã hoàn thành; chậm 2 tháng so với kế hoạch do phải xin ý kiến thẩm định của Bộ TT&TT.",
    ),
    DemoTask(
        number="7",
        category="policy",
        title=(
            "Xây dựng, ban hành Quy chế quản lý, vận hành, khai thác Nền tảng tích hợp, chia sẻ dữ liệu tỉnh (LGSP)"
        ),
        lead="sotttt",
        coordinators=("vpubnd", "congan", "sotp"),
        output="Quy chế được UBND tỉnh ban hành",
        profile="done_on_time",
        note="Đã hoàn thành; UBND tỉnh ban hành Quyết định kèm theo Quy chế trong Quý III/2022.",
    ),
    DemoTask(
        number="8",
        category="policy",
        title=(
            "Xây dựng, trình HĐND tỉnh ban hành Nghị quyết quy định mức chi hỗ trợ thành viên Tổ công nghệ số cộng đồng"
        ),
        lead="sotc",
        coordinators=("sotttt", "sonv", "sotp"),
        output="Nghị quyết được HĐND tỉnh thông qua",
        profile="overdue",
        note=(
            "Đã lấy ý kiến các sở, ngành lần 2; chưa trình được kỳ họp HĐND tỉnh giữa năm do chờ hướng dẫn "
            "của Bộ Tài chính."
        ),
    ),
    DemoTask(
        number="9",
        category="policy",
        title=(
            "Xây dựng, trình HĐND tỉnh Nghị quyết giảm mức thu phí, lệ phí đối với hồ sơ thủ tục hành chính "
            "nộp trực tuyến"
        ),
        lead="sotc",
        coordinators=("sotp", "ttpvhcc", "vpubnd"),
        output="Nghị quyết được HĐND tỉnh thông qua",
        profile="in_progress",
        note="Đã xây dựng dự thảo Nghị quyết; đang chờ Sở Tư pháp thẩm định.",
    ),
    DemoTask(
        number="10",
        category="policy",
        title=(
            "Ban hành Quy chế quản lý, sử dụng chữ ký số, chứng thư số chuyên dùng trong các cơ quan nhà "
            "nước tỉnh Tuyên Quang"
        ),
        lead="sotttt",
        coordinators=("vpubnd", "sonv"),
        output="Quy chế được UBND tỉnh ban hành",
        profile="done_on_time",
        note="Đã hoàn thành; Quy chế đã được UBND tỉnh ban hành và phổ biến đến các cơ quan, đơn vị.",
    ),
    DemoTask(
        number="11",
        category="policy",
        title=(
            "Ban hành Quy chế bảo đảm an toàn thông tin mạng trong hoạt động của các cơ quan nhà nước tỉnh Tuyên Quang"
        ),
        lead="sotttt",
        coordinators=("congan", "vpubnd"),
        output="Quy chế được UBND tỉnh ban hành",
        profile="done_on_time",
        note="Đã hoàn thành đúng hạn; Quy chế được UBND tỉnh ban hành tháng 8/2022.",
    ),
    DemoTask(
        number="12",
        category="policy",
        title=("Xây dựng, ban hành Quy định quản lý, kết nối, chia sẻ dữ liệu số và danh mục dữ liệu mở của tỉnh"),
        lead="sotttt",
        coordinators=("vpubnd", "sokhdt", "sotp"),
        output="Quy định được UBND tỉnh ban hành",
        profile="in_progress",
        note="Đã xây dựng dự thảo; đang lấy ý kiến các sở, ngành, UBND các huyện, thành phố.",
    ),
    DemoTask(
        number="13",
        category="policy",
        title=(
            "Xây dựng Kế hoạch phát triển kinh tế số tỉnh Tuyên Quang giai đoạn 2022 - 2025, định hướng đến năm 2030"
        ),
        lead="sotttt",
        coordinators=("soct", "sokhdt", "nhnn"),
        output="Kế hoạch được UBND tỉnh ban hành",
        profile="done_late",
        note="Đã hoàn thành; chậm 1 quý do phải bổ sung số liệu kinh tế số theo hướng dẫn mới của Bộ TT&TT.",
    ),
    DemoTask(
        number="14",
        category="policy",
        title="Xây dựng Kế hoạch phát triển thương mại điện tử tỉnh Tuyên Quang giai đoạn 2022 - 2025",
        lead="soct",
        coordinators=("sotttt", "sotc"),
        output="Kế hoạch được UBND tỉnh ban hành",
        profile="done_on_time",
        note="Đã hoàn thành; Kế hoạch được UBND tỉnh ban hành đúng tiến độ.",
    ),
    DemoTask(
        number="15",
        category="policy",
        title=("Ban hành Bộ chỉ số đánh giá mức độ chuyển đổi số của các sở, ban, ngành và UBND các huyện, thành phố"),
        lead="sotttt",
        coordinators=("sonv", "vpubnd"),
        output="Quyết định của UBND tỉnh ban hành Bộ chỉ số",
        profile="due_soon",
        note=("Đã tổng hợp, tiếp thu ý kiến góp ý; đang hoàn thiện dự thảo để trình UBND tỉnh trong tháng này."),
    ),
    DemoTask(
        number="16",
        category="policy",
        title=(
            "Xây dựng Kế hoạch chuyển đổi số trong lĩnh vực nông nghiệp, nông thôn tỉnh Tuyên Quang giai "
            "đoạn 2022 - 2025"
        ),
        lead="sonnptnt",
        coordinators=("sotttt", "sokhdt"),
        output="Kế hoạch được UBND tỉnh ban hành",
        profile="done_on_time",
        note="Đã hoàn thành; Kế hoạch được UBND tỉnh phê duyệt tháng 9/2022.",
    ),
    DemoTask(
        number="17",
        category="policy",
        title=(
            "Xây dựng Kế hoạch phát triển du lịch thông minh tỉnh Tuyên Quang đến năm 2025, định hướng đến năm 2030"
        ),
        lead="sovhttdl",
        coordinators=("sotttt", "viettel"),
        output="Kế hoạch được UBND tỉnh ban hành",
        profile="overdue",
        note=(
            "Dự thảo đã lấy ý kiến lần 1; chậm do chờ kết quả khảo sát các khu, điểm du lịch. Đã có văn bản "
            "đề nghị gia hạn."
        ),
    ),
    DemoTask(
        number="18",
        category="policy",
        title=(
            "Rà soát, đề xuất chính sách thu hút, đãi ngộ nguồn nhân lực công nghệ thông tin, chuyển đổi số "
            "trong cơ quan nhà nước"
        ),
        lead="sonv",
        coordinators=("sotc", "sotttt"),
        output="Tờ trình đề xuất chính sách trình UBND tỉnh",
        profile="not_started",
        note="",
    ),
    DemoTask(
        number="19",
        category="policy",
        title=(
            "Xây dựng Quy định về đặt hàng, thuê dịch vụ công nghệ thông tin sử dụng ngân sách nhà nước trên "
            "địa bàn tỉnh"
        ),
        lead="sotc",
        coordinators=("sotttt", "sokhdt"),
        output="Quyết định của UBND tỉnh ban hành Quy định",
        profile="submitted",
        note=(
            "UBND tỉnh đã ban hành Quyết định; đã gửi báo cáo kết quả kèm văn bản, chờ Sở TT&TT xác nhận hoàn thành."
        ),
    ),
    DemoTask(
        number="20",
        category="policy",
        title=(
            "Tự đánh giá, chấm điểm Chỉ số chuyển đổi số (DTI) cấp tỉnh và gửi Bộ Thông tin và Truyền thông "
            "theo quy định"
        ),
        lead="sotttt",
        coordinators=("vpubnd", "sonv", "sokhdt"),
        output="Báo cáo tự đánh giá DTI gửi Bộ TT&TT",
        profile="yearly",
        note="Đã hoàn thành tự đánh giá DTI năm 2022 và gửi Bộ TT&TT đúng hạn.",
    ),
    DemoTask(
        number="21",
        category="policy",
        title=(
            "Tổng hợp, báo cáo kết quả thực hiện Kế hoạch chuyển đổi số của tỉnh gửi Ban Chỉ đạo và UBND "
            "tỉnh trước 15/12"
        ),
        lead="sotttt",
        coordinators=("vpubnd",),
        output="Báo cáo kết quả 6 tháng, hằng năm",
        profile="yearly",
        note="Đã gửi báo cáo năm 2022; đang đôn đốc các cơ quan gửi báo cáo 6 tháng đầu năm 2023.",
    ),
    # ------------------------------------------------------------------ infrastructure (22-34)
    DemoTask(
        number="22",
        category="infrastructure",
        title="Phát triển hạ tầng mạng cáp quang băng rộng đến 100% thôn, bản, tổ dân phố trên địa bàn tỉnh",
        lead="sotttt",
        coordinators=("viettel", "vnpt", "ubndlambinh", "ubndnahang"),
        output="Cáp quang băng rộng được phủ đến 100% thôn, tổ dân phố",
        profile="in_progress",
        note=(
            "Đã phủ cáp quang đến 1.645/1.728 thôn, tổ dân phố (95,2%); còn 83 thôn chưa có cáp, chủ yếu tại "
            "Lâm Bình, Na Hang."
        ),
    ),
    DemoTask(
        number="23",
        category="infrastructure",
        title=("Phủ sóng di động 4G đến 100% thôn, bản; xóa các vùng lõm sóng thông tin di động trên địa bàn tỉnh"),
        lead="sotttt",
        coordinators=("viettel", "vnpt", "dienluc"),
        output="Báo cáo kết quả xóa vùng lõm sóng",
        profile="done_late",
        note="Đã xóa 42/42 vùng lõm sóng; hoàn thành chậm 1 quý do khó khăn về nguồn điện tại thôn vùng sâu.",
    ),
    DemoTask(
        number="24",
        category="infrastructure",
        title=("Triển khai thử nghiệm mạng di động 5G tại trung tâm thành phố Tuyên Quang và các khu công nghiệp"),
        lead="viettel",
        coordinators=("sotttt", "ubndtp", "vnpt"),
        output="Các trạm 5G thử nghiệm được phát sóng",
        profile="due_soon",
        note="Đã lắp đặt 6 trạm phát sóng 5G thử nghiệm; đang hoàn thiện thủ tục cấp phép tần số.",
    ),
    DemoTask(
        number="25",
        category="infrastructure",
        title=("Nâng cấp Trung tâm tích hợp dữ liệu tỉnh đáp ứng yêu cầu lưu trữ, xử lý dữ liệu và điện toán đám mây"),
        lead="sotttt",
        coordinators=("sotc", "sokhdt"),
        output="Trung tâm tích hợp dữ liệu được nâng cấp, đưa vào vận hành",
        profile="overdue",
        note=(
            "Đã phê duyệt chủ trương đầu tư; chậm do chưa được bố trí vốn năm 2023. Đề nghị gia hạn đến Quý II/2024."
        ),
    ),
    DemoTask(
        number="26",
        category="infrastructure",
        title="Nâng cấp, mở rộng Mạng truyền số liệu chuyên dùng cấp II kết nối đến 100% UBND cấp xã",
        lead="sotttt",
        coordinators=("vnpt", "ubndchiemhoa", "ubndhamyen"),
        output="Mạng truyền số liệu chuyên dùng kết nối đến 100% cấp xã",
        profile="done_on_time",
        note="Đã kết nối 138/138 xã, phường, thị trấn vào Mạng truyền số liệu chuyên dùng.",
    ),
    DemoTask(
        number="27",
        category="infrastructure",
        title=(
            "Triển khai Chương trình “Sóng và máy tính cho em” hỗ trợ học sinh có hoàn cảnh khó khăn học tập trực tuyến"
        ),
        lead="sogddt",
        coordinators=("sotttt", "viettel", "vnpt"),
        output="Báo cáo kết quả hỗ trợ thiết bị, gói cước",
        profile="done_on_time",
        note="Đã trao 1.250 máy tính bảng kèm gói cước cho học sinh có hoàn cảnh khó khăn.",
    ),
    DemoTask(
        number="28",
        category="infrastructure",
        title=(
            "Phổ cập điện thoại thông minh và tài khoản thanh toán điện tử đến người dân, ưu tiên hộ gia "
            "đình vùng sâu, vùng xa"
        ),
        lead="sotttt",
        coordinators=("nhnn", "viettel", "vnpt", "ubndlambinh"),
        output="Tỷ lệ người dân sử dụng điện thoại thông minh, tài khoản thanh toán tăng theo chỉ tiêu",
        profile="ongoing",
        note=(
            "Tỷ lệ sử dụng điện thoại thông minh đạt 78,5%; tiếp tục phối hợp doanh nghiệp triển khai gói hỗ trợ máy."
        ),
    ),
    DemoTask(
        number="29",
        category="infrastructure",
        title="Xây dựng hệ thống camera giám sát an ninh, trật tự và giao thông tại thành phố Tuyên Quang",
        lead="congan",
        coordinators=("ubndtp", "sogtvt", "viettel"),
        output="Hệ thống camera được đưa vào vận hành",
        profile="in_progress",
        note="Đã lắp đặt 85/150 điểm camera; đang kết nối về Trung tâm chỉ huy Công an tỉnh.",
    ),
    DemoTask(
        number="30",
        category="infrastructure",
        title=(
            "Đầu tư trang thiết bị công nghệ thông tin cho Bộ phận Một cửa các xã, thị trấn trên địa bàn huyện Yên Sơn"
        ),
        lead="ubndyenson",
        coordinators=("sotttt",),
        output="Trang thiết bị được bàn giao, đưa vào sử dụng",
        profile="done_on_time",
        note="Đã hoàn thành; 31/31 Bộ phận Một cửa cấp xã được trang bị máy tính, máy quét, đầu đọc mã QR.",
    ),
    DemoTask(
        number="31",
        category="infrastructure",
        title=(
            "Ứng dụng công nghệ số trong quản lý, vận hành lưới điện; lắp đặt công tơ điện tử đo xa trên địa bàn tỉnh"
        ),
        lead="dienluc",
        coordinators=("soct",),
        output="Báo cáo kết quả lắp đặt công tơ đo xa",
        profile="done_on_time",
        note="Đã lắp đặt công tơ điện tử đo xa cho 100% khách hàng khu vực thành thị.",
    ),
    DemoTask(
        number="32",
        category="infrastructure",
        title=("Xây dựng hạ tầng Internet vạn vật (IoT) phục vụ quan trắc môi trường, cảnh báo lũ quét, sạt lở đất"),
        lead="sotnmt",
        coordinators=("sotttt", "sonnptnt", "viettel"),
        output="Hệ thống quan trắc, cảnh báo được đưa vào vận hành",
        profile="not_started",
        note="",
    ),
    DemoTask(
        number="33",
        category="infrastructure",
        title="Triển khai hệ thống wifi công cộng miễn phí tại các khu, điểm du lịch và trung tâm các huyện",
        lead="sovhttdl",
        coordinators=("sotttt", "vnpt", "ubndnahang"),
        output="Các điểm wifi công cộng được đưa vào sử dụng",
        profile="submitted",
        note=("Đã lắp đặt wifi miễn phí tại 24 điểm du lịch; đã gửi báo cáo hoàn thành, chờ Sở TT&TT xác nhận."),
    ),
    DemoTask(
        number="34",
        category="infrastructure",
        title=(
            "Rà soát, chỉnh trang hệ thống cáp viễn thông treo trên cột điện lực tại khu vực đô thị và trung "
            "tâm các huyện"
        ),
        lead="sotttt",
        coordinators=("dienluc", "viettel", "vnpt", "ubndtp"),
        output="Báo cáo kết quả chỉnh trang cáp viễn thông",
        profile="done_on_time",
        note="Đã chỉnh trang 46 km tuyến cáp treo tại thành phố Tuyên Quang và thị trấn các huyện.",
    ),
    # ------------------------------------------------------------------ platforms (35-66)
    DemoTask(
        number="35",
        category="platforms",
        title=(
            "Nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính tỉnh, bảo đảm 100% dịch vụ công trực "
            "tuyến toàn trình"
        ),
        lead="vpubnd",
        coordinators=("sotttt", "ttpvhcc"),
        output="Hệ thống được nâng cấp, đưa vào vận hành",
        profile="in_progress",
        note=(
            "Đã tích hợp 827 dịch vụ công trực tuyến lên Cổng DVC quốc gia; đang rà soát, tái cấu trúc quy "
            "trình các thủ tục còn lại."
        ),
    ),
    DemoTask(
        number="36",
        category="platforms",
        title="Xây dựng Nền tảng tích hợp, chia sẻ dữ liệu tỉnh (LGSP), kết nối với Nền tảng tích hợp quốc gia (NDXP)",
        lead="sotttt",
        coordinators=("vpubnd", "congan", "vnpt"),
        output="Nền tảng LGSP được đưa vào vận hành",
        profile="done_on_time",
        note="LGSP đã vận hành, kết nối với NDXP; đã tích hợp 18 hệ thống thông tin, cơ sở dữ liệu.",
    ),
    DemoTask(
        number="37",
        category="platforms",
        title=("Triển khai hệ thống xác thực đăng nhập một lần (SSO) cho 100% hệ thống thông tin dùng chung của tỉnh"),
        lead="sotttt",
        coordinators=("vpubnd", "ttpvhcc"),
        output="Hệ thống SSO được đưa vào vận hành",
        profile="done_late",
        note=("Đã tích hợp SSO cho 9/9 hệ thống dùng chung; hoàn thành chậm do nhà thầu phải nâng cấp phần mềm."),
    ),
    DemoTask(
        number="38",
        category="platforms",
        title=(
            "Nâng cấp Hệ thống quản lý văn bản và điều hành liên thông 4 cấp, tích hợp chữ ký số trên thiết bị di động"
        ),
        lead="sotttt",
        coordinators=("vpubnd", "vnpt"),
        output="Hệ thống được nâng cấp, đưa vào vận hành",
        profile="done_on_time",
        note=("Đã hoàn thành nâng cấp; 100% cơ quan cấp tỉnh, huyện, xã sử dụng hệ thống trên nền tảng thống nhất."),
    ),
    DemoTask(
        number="39",
        category="platforms",
        title=(
            "Sử dụng chữ ký số chuyên dùng; ký số văn bản điện tử gửi, nhận giữa các cơ quan nhà nước (trừ văn bản mật)"
        ),
        lead="sotttt",
        coordinators=("sonv", "vpubnd"),
        output="Tỷ lệ văn bản điện tử được ký số đạt chỉ tiêu",
        profile="ongoing",
        note="Đã cấp 4.320 chứng thư số; tỷ lệ văn bản điện tử có ký số đạt 98,6%.",
    ),
    DemoTask(
        number="40",
        category="platforms",
        title="Xây dựng Trung tâm Giám sát, điều hành thông minh (IOC) tỉnh Tuyên Quang giai đoạn 1",
        lead="sotttt",
        coordinators=("vpubnd", "congan", "viettel"),
        output="Trung tâm IOC được đưa vào vận hành",
        profile="overdue",
        note=(
            "Đã hoàn thành thiết kế chi tiết; chậm lựa chọn nhà thầu do điều chỉnh dự toán. Đang đề nghị gia "
            "hạn đến Quý I/2024."
        ),
    ),
    DemoTask(
        number="41",
        category="platforms",
        title=("Xây dựng Nền tảng phân tích, xử lý dữ liệu tổng hợp tập trung phục vụ chỉ đạo, điều hành của tỉnh"),
        lead="sotttt",
        coordinators=("sokhdt", "vpubnd"),
        output="Nền tảng được đưa vào vận hành",
        profile="not_started",
        note="",
    ),
    DemoTask(
        number="42",
        category="platforms",
        title=(
            "Xây dựng Cổng dữ liệu mở tỉnh Tuyên Quang; công bố dữ liệu mở của các sở, ngành, UBND các huyện, thành phố"
        ),
        lead="sotttt",
        coordinators=("vpubnd", "sokhdt"),
        output="Cổng dữ liệu mở được đưa vào vận hành",
        profile="in_progress",
        note="Cổng dữ liệu mở đang vận hành thử nghiệm; 12/31 cơ quan đã công bố danh mục dữ liệu mở.",
    ),
    DemoTask(
        number="43",
        category="platforms",
        title=("Triển khai Hệ thống thông tin báo cáo của tỉnh, kết nối với Hệ thống thông tin báo cáo Chính phủ"),
        lead="vpubnd",
        coordinators=("sotttt", "sokhdt"),
        output="Hệ thống được đưa vào vận hành",
        profile="done_on_time",
        note=("Đã kết nối với Hệ thống thông tin báo cáo Chính phủ; 45 chế độ báo cáo được thực hiện trực tuyến."),
    ),
    DemoTask(
        number="44",
        category="platforms",
        title="Triển khai Hệ thống hội nghị truyền hình trực tuyến từ cấp tỉnh đến 100% UBND cấp xã",
        lead="sotttt",
        coordinators=("vnpt", "ubndsonduong", "ubndhamyen", "ubndchiemhoa"),
        output="Hệ thống được đưa vào vận hành",
        profile="done_on_time",
        note="Đã kết nối hội nghị truyền hình đến 138/138 xã, phường, thị trấn.",
    ),
    DemoTask(
        number="45",
        category="platforms",
        title=(
            "Xây dựng ứng dụng công dân số Tuyên Quang trên thiết bị di động, cung cấp thông tin, dịch vụ "
            "tiện ích cho người dân"
        ),
        lead="sotttt",
        coordinators=("vpubnd", "viettel"),
        output="Ứng dụng được đưa vào vận hành",
        profile="due_soon",
        note="Đã hoàn thành kiểm thử; đang đánh giá an toàn thông tin trước khi đưa vào vận hành chính thức.",
    ),
    DemoTask(
        number="46",
        category="platforms",
        title=(
            "Xây dựng hệ thống định danh, xác thực điện tử riêng của tỉnh cho người dân, doanh nghiệp khi sử "
            "dụng dịch vụ công"
        ),
        lead="sotttt",
        coordinators=("congan", "vpubnd"),
        output="Hệ thống được đưa vào vận hành",
        profile="cancelled",
        note=(
            "Dừng thực hiện: sử dụng tài khoản định danh điện tử VNeID của Bộ Công an theo Đề án 06, tránh "
            "đầu tư trùng lặp."
        ),
    ),
    DemoTask(
        number="47",
        category="platforms",
        title="Triển khai hồ sơ sức khỏe điện tử cho 100% người dân trên địa bàn tỉnh Tuyên Quang",
        lead="soyte",
        coordinators=("bhxh", "congan", "ubndtp"),
        output="Hồ sơ sức khỏe điện tử được tạo lập cho người dân",
        profile="in_progress",
        note=(
            "Đã tạo lập 612.000 hồ sơ sức khỏe điện tử (khoảng 76% dân số); đang cập nhật dữ liệu khám, chữa "
            "bệnh tại trạm y tế xã."
        ),
    ),
    DemoTask(
        number="48",
        category="platforms",
        title="Triển khai bệnh án điện tử tại Bệnh viện Đa khoa tỉnh và các trung tâm y tế tuyến huyện",
        lead="soyte",
        coordinators=("sotttt", "bhxh"),
        output="Bệnh án điện tử được triển khai, thay thế bệnh án giấy",
        profile="overdue",
        note=(
            "Bệnh viện Đa khoa tỉnh đã triển khai; 4/7 trung tâm y tế huyện chưa đáp ứng hạ tầng. Đã đề nghị "
            "gia hạn đến 30/6/2024."
        ),
    ),
    DemoTask(
        number="49",
        category="platforms",
        title=(
            "Triển khai nền tảng khám, chữa bệnh từ xa kết nối bệnh viện tuyến tỉnh với các trung tâm y tế tuyến huyện"
        ),
        lead="soyte",
        coordinators=("sotttt", "viettel"),
        output="Nền tảng được đưa vào vận hành",
        profile="done_on_time",
        note="Đã kết nối 8/8 điểm cầu khám, chữa bệnh từ xa; hệ thống vận hành ổn định.",
    ),
    DemoTask(
        number="50",
        category="platforms",
        title=(
            "Triển khai thanh toán không dùng tiền mặt đối với học phí, viện phí và phí, lệ phí giải quyết "
            "thủ tục hành chính"
        ),
        lead="nhnn",
        coordinators=("soyte", "sogddt", "ttpvhcc", "bhxh"),
        output="Báo cáo kết quả thanh toán không dùng tiền mặt",
        profile="submitted",
        note=("100% bệnh viện, 92% trường học đã thu không dùng tiền mặt; đã gửi báo cáo hoàn thành, chờ xác nhận."),
    ),
    DemoTask(
        number="51",
        category="platforms",
        title=("Triển khai phần mềm quản lý trường học, sổ điểm điện tử, học bạ số tại các cơ sở giáo dục phổ thông"),
        lead="sogddt",
        coordinators=("sotttt", "viettel", "vnpt"),
        output="Phần mềm được triển khai tại 100% cơ sở giáo dục phổ thông",
        profile="done_on_time",
        note="Đã triển khai tại 100% trường phổ thông; học bạ số áp dụng từ năm học 2022 - 2023.",
    ),
    DemoTask(
        number="52",
        category="platforms",
        title="Xây dựng kho học liệu số, bài giảng điện tử dùng chung cho các cấp học trên địa bàn tỉnh",
        lead="sogddt",
        coordinators=("sotttt",),
        output="Kho học liệu số được đưa vào sử dụng",
        profile="in_progress",
        note="Đã thu thập, thẩm định 2.400 bài giảng điện tử; đang hoàn thiện phần mềm quản lý kho học liệu.",
    ),
    DemoTask(
        number="53",
        category="platforms",
        title=(
            "Hỗ trợ đưa sản phẩm OCOP và nông sản chủ lực của tỉnh lên các sàn thương mại điện tử trong và ngoài nước"
        ),
        lead="soct",
        coordinators=("sonnptnt", "viettel", "vnpt"),
        output="Báo cáo kết quả; sản phẩm được đăng bán trên sàn thương mại điện tử",
        profile="done_late",
        note=("Đã đưa 156 sản phẩm OCOP lên sàn Postmart, Voso; hoàn thành chậm do chủ thể chậm hoàn thiện hồ sơ."),
    ),
    DemoTask(
        number="54",
        category="platforms",
        title=(
            "Hỗ trợ hộ kinh doanh, doanh nghiệp nhỏ và vừa chuyển đổi số, sử dụng hóa đơn điện tử và các nền tảng số"
        ),
        lead="sokhdt",
        coordinators=("sotc", "soct", "viettel"),
        output="Báo cáo kết quả hỗ trợ doanh nghiệp, hộ kinh doanh",
        profile="ongoing",
        note="Đã tổ chức 5 hội nghị hướng dẫn; 98% doanh nghiệp đang hoạt động sử dụng hóa đơn điện tử.",
    ),
    DemoTask(
        number="55",
        category="platforms",
        title=(
            "Triển khai hệ thống thông tin du lịch thông minh, bản đồ số du lịch và thuyết minh tự động tại "
            "các điểm di tích"
        ),
        lead="sovhttdl",
        coordinators=("sotttt", "vnpt"),
        output="Hệ thống được đưa vào vận hành",
        profile="overdue_not_started",
        note="",
    ),
    DemoTask(
        number="56",
        category="platforms",
        title="Xây dựng Sàn giao dịch việc làm trực tuyến, kết nối cung - cầu lao động của tỉnh Tuyên Quang",
        lead="soldtbxh",
        coordinators=("sotttt", "bhxh"),
        output="Sàn giao dịch việc làm trực tuyến được đưa vào vận hành",
        profile="submitted",
        note=("Sàn giao dịch việc làm trực tuyến đã vận hành từ tháng 5; đã gửi báo cáo hoàn thành, chờ xác nhận."),
    ),
    DemoTask(
        number="57",
        category="platforms",
        title=(
            "Triển khai ký số, lưu trữ điện tử kết quả giải quyết thủ tục hành chính tại Trung tâm Phục vụ "
            "hành chính công tỉnh"
        ),
        lead="ttpvhcc",
        coordinators=("vpubnd", "sotttt"),
        output="Kết quả giải quyết thủ tục hành chính được ký số, lưu trữ điện tử",
        profile="done_on_time",
        note="100% kết quả giải quyết thủ tục hành chính tại Trung tâm được ký số và lưu trữ điện tử.",
    ),
    DemoTask(
        number="58",
        category="platforms",
        title=("Triển khai phần mềm quản lý tài liệu lưu trữ điện tử tại các cơ quan thuộc nguồn nộp lưu của tỉnh"),
        lead="sonv",
        coordinators=("sotttt", "vpubnd"),
        output="Hệ thống được đưa vào vận hành",
        profile="in_progress",
        note=("Đã lựa chọn phần mềm; đang cài đặt, tập huấn cho văn thư, lưu trữ của các cơ quan thuộc nguồn nộp lưu."),
    ),
    DemoTask(
        number="59",
        category="platforms",
        title=(
            "Nâng cấp Cổng thông tin điện tử tỉnh, tích hợp cổng thông tin thành phần của các sở, ngành, "
            "huyện, thành phố"
        ),
        lead="vpubnd",
        coordinators=("sotttt",),
        output="Cổng thông tin điện tử được nâng cấp, đưa vào vận hành",
        profile="done_on_time",
        note="Đã vận hành phiên bản mới; 31/31 cổng thành phần đã chuyển đổi sang nền tảng thống nhất.",
    ),
    DemoTask(
        number="60",
        category="platforms",
        title=(
            "Rà soát, công bố danh mục dịch vụ công trực tuyến toàn trình, một phần thuộc thẩm quyền giải "
            "quyết của tỉnh"
        ),
        lead="vpubnd",
        coordinators=("ttpvhcc", "sotttt"),
        output="Quyết định công bố danh mục của Chủ tịch UBND tỉnh",
        profile="yearly",
        note="Đã công bố danh mục năm 2023; đang rà soát bổ sung các thủ tục mới được Bộ, ngành ban hành.",
    ),
    DemoTask(
        number="61",
        category="platforms",
        title=(
            "Ứng dụng công nghệ số trong quản lý phương tiện, cấp đổi giấy phép lái xe và hoạt động vận tải "
            "trên địa bàn tỉnh"
        ),
        lead="sogtvt",
        coordinators=("congan", "sotttt"),
        output="Phần mềm được đưa vào vận hành",
        profile="due_soon",
        note=(
            "Đã cấp đổi giấy phép lái xe trực tuyến; đang hoàn thiện phần mềm quản lý vận tải, dự kiến xong "
            "trong tháng."
        ),
    ),
    DemoTask(
        number="62",
        category="platforms",
        title=("Triển khai hệ thống thông tin cấp giấy phép xây dựng trực tuyến và quản lý trật tự xây dựng đô thị"),
        lead="soxd",
        coordinators=("ubndtp", "sotttt"),
        output="Hệ thống được đưa vào vận hành",
        profile="not_started",
        note="",
    ),
    DemoTask(
        number="63",
        category="platforms",
        title="Xây dựng thí điểm mô hình xã thông minh, thôn thông minh tại huyện Sơn Dương",
        lead="ubndsonduong",
        coordinators=("sotttt", "sonnptnt", "vnpt"),
        output="Mô hình thí điểm được triển khai; báo cáo đánh giá kết quả",
        profile="in_progress",
        note="Đã chọn xã Tân Trào và 3 thôn thí điểm; đang lắp đặt wifi, camera và ứng dụng thôn thông minh.",
    ),
    DemoTask(
        number="64",
        category="platforms",
        title="Triển khai hệ thống truy xuất nguồn gốc nông sản, sản phẩm OCOP của tỉnh Tuyên Quang",
        lead="sonnptnt",
        coordinators=("soct", "viettel"),
        output="Hệ thống được đưa vào vận hành",
        profile="done_on_time",
        note="Đã cấp mã truy xuất nguồn gốc cho 210 sản phẩm; hệ thống kết nối với Cổng truy xuất quốc gia.",
    ),
    DemoTask(
        number="65",
        category="platforms",
        title=("Triển khai phần mềm quản lý, chi trả trợ cấp xã hội, trợ cấp người có công qua tài khoản ngân hàng"),
        lead="soldtbxh",
        coordinators=("nhnn", "bhxh"),
        output="Phần mềm được đưa vào vận hành",
        profile="done_late",
        note="Đã hoàn thành; chậm 1 tháng do phải làm sạch dữ liệu đối tượng hưởng trợ cấp.",
    ),
    DemoTask(
        number="66",
        category="platforms",
        title="Triển khai thí điểm các dịch vụ đô thị thông minh tại thành phố Tuyên Quang giai đoạn 1",
        lead="ubndtp",
        coordinators=("sotttt", "soxd", "viettel"),
        output="Các dịch vụ đô thị thông minh được đưa vào vận hành",
        profile="overdue",
        note=("Đã phê duyệt đề cương; chậm do chưa bố trí đủ kinh phí. Đã có văn bản đề nghị gia hạn đến Quý IV."),
    ),
    # ------------------------------------------------------------------ data (67-106)
    DemoTask(
        number="67",
        category="data",
        title="Xây dựng cơ sở dữ liệu đất đai tỉnh Tuyên Quang, kết nối với cơ sở dữ liệu đất đai quốc gia",
        lead="sotnmt",
        coordinators=("ubndlambinh", "ubndnahang", "ubndchiemhoa", "ubndhamyen"),
        output="Cơ sở dữ liệu được xây dựng, kết nối, chia sẻ qua LGSP",
        profile="in_progress",
        note=(
            "Đã hoàn thành cơ sở dữ liệu địa chính tại 3/7 huyện, thành phố; đang triển khai tại Lâm Bình, "
            "Na Hang, Chiêm Hóa, Hàm Yên."
        ),
    ),
    DemoTask(
        number="68",
        category="data",
        title="Chỉnh lý, số hóa hồ sơ địa chính, xây dựng cơ sở dữ liệu địa chính huyện Yên Sơn",
        lead="sotnmt",
        coordinators=("ubndyenson",),
        output="Cơ sở dữ liệu địa chính được nghiệm thu, đưa vào vận hành",
        profile="done_late",
        note="Đã nghiệm thu, đưa vào vận hành tại 31/31 xã; chậm 2 tháng do chỉnh lý biến động đất đai.",
    ),
    DemoTask(
        number="69",
        category="data",
        title="Xây dựng cơ sở dữ liệu tài nguyên nước, khoáng sản và quan trắc môi trường của tỉnh",
        lead="sotnmt",
        coordinators=("sonnptnt", "soct"),
        output="Cơ sở dữ liệu được xây dựng, đưa vào vận hành",
        profile="overdue",
        note=("Đã thu thập dữ liệu tài nguyên nước; phần khoáng sản chậm do chưa có kết quả kiểm kê. Đề nghị gia hạn."),
    ),
    DemoTask(
        number="70",
        category="data",
        title=(
            "Kết nối Cơ sở dữ liệu quốc gia về dân cư với Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh"
        ),
        lead="congan",
        coordinators=("sotttt", "vpubnd", "ttpvhcc"),
        output="Kết nối được đưa vào vận hành",
        profile="done_on_time",
        note="Đã kết nối qua LGSP; xác thực thông tin công dân khi tiếp nhận hồ sơ trực tuyến.",
    ),
    DemoTask(
        number="71",
        category="data",
        title=(
            "Cập nhật, làm sạch dữ liệu dân cư bảo đảm “đúng, đủ, sạch, sống”; cấp tài khoản định danh điện "
            "tử cho người dân"
        ),
        lead="congan",
        coordinators=("ubndtp", "ubndchiemhoa", "ubndsonduong", "ubndyenson"),
        output="Báo cáo kết quả cập nhật dữ liệu, cấp tài khoản định danh điện tử",
        profile="ongoing",
        note="Đã cấp 395.000 tài khoản định danh điện tử; tiếp tục rà soát, làm sạch dữ liệu tại cấp xã.",
    ),
    DemoTask(
        number="72",
        category="data",
        title=("Xây dựng cơ sở dữ liệu y tế tỉnh (khám chữa bệnh, tiêm chủng), kết nối cơ sở dữ liệu quốc gia về y tế"),
        lead="soyte",
        coordinators=("bhxh", "sotttt"),
        output="Cơ sở dữ liệu được xây dựng, kết nối, chia sẻ qua LGSP",
        profile="due_soon",
        note=(
            "Đã hoàn thành khoảng 90% khối lượng; đang kiểm thử kết nối với Bộ Y tế, dự kiến nghiệm thu trong tháng."
        ),
    ),
    DemoTask(
        number="73",
        category="data",
        title="Xây dựng cơ sở dữ liệu ngành giáo dục, kết nối với cơ sở dữ liệu toàn ngành của Bộ GD&ĐT",
        lead="sogddt",
        coordinators=("sotttt",),
        output="Cơ sở dữ liệu được xây dựng, đưa vào vận hành",
        profile="done_on_time",
        note="Đã cập nhật dữ liệu 100% trường, giáo viên, học sinh lên cơ sở dữ liệu toàn ngành.",
    ),
    DemoTask(
        number="74",
        category="data",
        title=(
            "Xây dựng cơ sở dữ liệu ngành nông nghiệp (trồng trọt, chăn nuôi, lâm nghiệp, thủy sản) của tỉnh "
            "Tuyên Quang"
        ),
        lead="sonnptnt",
        coordinators=("sotttt", "ubndhamyen"),
        output="Cơ sở dữ liệu được xây dựng, đưa vào vận hành",
        profile="in_progress",
        note="Đã hoàn thành dữ liệu trồng trọt, chăn nuôi; đang thu thập dữ liệu lâm nghiệp, thủy sản.",
    ),
    DemoTask(
        number="75",
        category="data",
        title=(
            "Xây dựng cơ sở dữ liệu di sản văn hóa, di tích lịch sử - văn hóa và danh lam thắng cảnh tỉnh Tuyên Quang"
        ),
        lead="sovhttdl",
        coordinators=("sotttt", "ubndsonduong"),
        output="Cơ sở dữ liệu được xây dựng, đưa vào vận hành",
        profile="overdue",
        note=(
            "Đã số hóa hồ sơ 120/250 di tích; chậm do thiếu kinh phí chụp ảnh, quét 3D. Đề nghị gia hạn đến hết năm."
        ),
    ),
    DemoTask(
        number="76",
        category="data",
        title="Xây dựng cơ sở dữ liệu đăng ký doanh nghiệp, hộ kinh doanh, hợp tác xã trên địa bàn tỉnh",
        lead="sokhdt",
        coordinators=("sotc", "soct"),
        output="Cơ sở dữ liệu được xây dựng, kết nối, chia sẻ qua LGSP",
        profile="done_on_time",
        note="Đã hoàn thành; dữ liệu 100% doanh nghiệp, hợp tác xã được chia sẻ qua LGSP.",
    ),
    DemoTask(
        number="77",
        category="data",
        title=(
            "Xây dựng cơ sở dữ liệu Quy hoạch tỉnh Tuyên Quang thời kỳ 2021 - 2030 trên nền hệ thống thông "
            "tin địa lý (GIS)"
        ),
        lead="sokhdt",
        coordinators=("sotnmt", "soxd"),
        output="Cơ sở dữ liệu được xây dựng, đưa vào vận hành",
        profile="not_started",
        note="",
    ),
    DemoTask(
        number="78",
        category="data",
        title=("Xây dựng cơ sở dữ liệu quy hoạch xây dựng, quy hoạch đô thị và hạ tầng kỹ thuật đô thị của tỉnh"),
        lead="soxd",
        coordinators=("sotnmt", "ubndtp"),
        output="Cơ sở dữ liệu được xây dựng, đưa vào vận hành",
        profile="in_progress",
        note="Đã số hóa 64 đồ án quy hoạch; đang chuẩn hóa dữ liệu hạ tầng kỹ thuật đô thị.",
    ),
    DemoTask(
        number="79",
        category="data",
        title="Xây dựng cơ sở dữ liệu kết cấu hạ tầng giao thông đường bộ, đường thủy nội địa của tỉnh",
        lead="sogtvt",
        coordinators=("sokhdt", "sotttt"),
        output="Cơ sở dữ liệu được xây dựng, đưa vào vận hành",
        profile="overdue",
        note=("Đã khảo sát xong quốc lộ, tỉnh lộ; chậm thu thập dữ liệu đường huyện, đường xã. Đề nghị gia hạn."),
    ),
    DemoTask(
        number="80",
        category="data",
        title="Xây dựng cơ sở dữ liệu cán bộ, công chức, viên chức tỉnh, kết nối với cơ sở dữ liệu quốc gia",
        lead="sonv",
        coordinators=("sotttt",),
        output="Cơ sở dữ liệu được xây dựng, kết nối với cơ sở dữ liệu quốc gia",
        profile="done_late",
        note="Đã cập nhật 100% hồ sơ và kết nối với Bộ Nội vụ; chậm 1 quý do phải bổ sung trường thông tin.",
    ),
    DemoTask(
        number="81",
        category="data",
        title=(
            "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính; xây dựng kho dữ liệu điện tử của tổ chức, cá nhân"
        ),
        lead="vpubnd",
        coordinators=("ttpvhcc", "sotttt"),
        output="Kho dữ liệu điện tử được đưa vào vận hành",
        profile="in_progress",
        note="Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính đạt 68% cấp tỉnh, 41% cấp huyện.",
    ),
    DemoTask(
        number="82",
        category="data",
        title="Xây dựng cơ sở dữ liệu hộ tịch điện tử; số hóa sổ hộ tịch lưu trữ tại cấp huyện, cấp xã",
        lead="sotp",
        coordinators=("ubndtp", "ubndyenson", "ubndhamyen"),
        output="Cơ sở dữ liệu hộ tịch được cập nhật đầy đủ",
        profile="submitted",
        note="Đã số hóa 312.000 trang sổ hộ tịch; đã gửi báo cáo hoàn thành, chờ Sở TT&TT xác nhận.",
    ),
    DemoTask(
        number="83",
        category="data",
        title=("Xây dựng cơ sở dữ liệu lý lịch tư pháp của tỉnh, kết nối cơ sở dữ liệu quốc gia về lý lịch tư pháp"),
        lead="sotp",
        coordinators=("congan",),
        output="Cơ sở dữ liệu được kết nối, đưa vào vận hành",
        profile="done_on_time",
        note="Đã hoàn thành; cấp phiếu lý lịch tư pháp trực tuyến toàn trình.",
    ),
    DemoTask(
        number="84",
        category="data",
        title=("Xây dựng cơ sở dữ liệu người có công, bảo trợ xã hội, hộ nghèo, hộ cận nghèo trên địa bàn tỉnh"),
        lead="soldtbxh",
        coordinators=("ubndlambinh", "ubndnahang", "ubndchiemhoa"),
        output="Cơ sở dữ liệu được xây dựng, đưa vào vận hành",
        profile="in_progress",
        note=("Đã nhập dữ liệu người có công; đang cập nhật danh sách hộ nghèo, cận nghèo theo kết quả rà soát."),
    ),
    DemoTask(
        number="85",
        category="data",
        title=("Xây dựng cơ sở dữ liệu về thị trường lao động, người lao động và việc làm của tỉnh Tuyên Quang"),
        lead="soldtbxh",
        coordinators=("bhxh",),
        output="Cơ sở dữ liệu được xây dựng, đưa vào vận hành",
        profile="not_started",
        note="",
    ),
    DemoTask(
        number="86",
        category="data",
        title="Xây dựng cơ sở dữ liệu tài chính, ngân sách nhà nước và tài sản công của tỉnh Tuyên Quang",
        lead="sotc",
        coordinators=("sokhdt",),
        output="Cơ sở dữ liệu được xây dựng, đưa vào vận hành",
        profile="done_on_time",
        note="Đã hoàn thành; dữ liệu tài sản công được cập nhật lên cơ sở dữ liệu quốc gia.",
    ),
    DemoTask(
        number="87",
        category="data",
        title=("Xây dựng cơ sở dữ liệu giá đất, giá hàng hóa, dịch vụ trên địa bàn tỉnh phục vụ công tác quản lý giá"),
        lead="sotc",
        coordinators=("sotnmt", "soct"),
        output="Cơ sở dữ liệu được xây dựng, đưa vào vận hành",
        profile="overdue_not_started",
        note="",
    ),
    DemoTask(
        number="88",
        category="data",
        title=(
            "Xây dựng cơ sở dữ liệu ngành công thương (công nghiệp, thương mại, năng lượng, cụm công nghiệp) của tỉnh"
        ),
        lead="soct",
        coordinators=("sotttt", "dienluc"),
        output="Cơ sở dữ liệu được xây dựng, đưa vào vận hành",
        profile="overdue",
        note=("Đang hoàn thiện hồ sơ thiết kế; chậm do phải điều chỉnh phạm vi. Sở đã đề nghị gia hạn đến Quý I."),
    ),
    DemoTask(
        number="89",
        category="data",
        title=("Kết nối, chia sẻ cơ sở dữ liệu bảo hiểm xã hội, bảo hiểm y tế với các sở, ngành qua nền tảng LGSP"),
        lead="bhxh",
        coordinators=("soyte", "soldtbxh", "sotttt"),
        output="Dữ liệu được kết nối, chia sẻ qua LGSP",
        profile="done_on_time",
        note="Đã kết nối, chia sẻ dữ liệu với Sở Y tế, Sở LĐ-TB&XH qua LGSP.",
    ),
    DemoTask(
        number="90",
        category="data",
        title="Xây dựng cơ sở dữ liệu về báo chí, xuất bản, thông tin cơ sở và thông tin đối ngoại của tỉnh",
        lead="sotttt",
        coordinators=("baotq", "daipth"),
        output="Cơ sở dữ liệu được xây dựng, đưa vào vận hành",
        profile="done_on_time",
        note="Đã hoàn thành, đưa vào khai thác trên hệ thống thông tin nguồn của tỉnh.",
    ),
    DemoTask(
        number="91",
        category="data",
        title=("Xây dựng cơ sở dữ liệu nền địa lý (bản đồ số dùng chung) tỉnh Tuyên Quang phục vụ các ngành, lĩnh vực"),
        lead="sotnmt",
        coordinators=("sotttt", "soxd"),
        output="Cơ sở dữ liệu nền địa lý được đưa vào sử dụng",
        profile="in_progress",
        note="Đã hoàn thành bản đồ nền tỷ lệ 1:10.000; đang cập nhật bản đồ tỷ lệ 1:2.000 khu vực đô thị.",
    ),
    DemoTask(
        number="92",
        category="data",
        title=(
            "Xây dựng cơ sở dữ liệu rừng, theo dõi diễn biến tài nguyên rừng và cảnh báo cháy rừng trên địa bàn tỉnh"
        ),
        lead="sonnptnt",
        coordinators=("sotnmt", "ubndnahang"),
        output="Cơ sở dữ liệu được xây dựng, đưa vào vận hành",
        profile="submitted",
        note=("Đã đưa vào vận hành, cập nhật diễn biến rừng năm 2022; đã gửi báo cáo hoàn thành, chờ xác nhận."),
    ),
    DemoTask(
        number="93",
        category="data",
        title="Xây dựng cơ sở dữ liệu hạ tầng viễn thông, bưu chính và công nghệ thông tin trên địa bàn tỉnh",
        lead="sotttt",
        coordinators=("viettel", "vnpt", "dienluc"),
        output="Cơ sở dữ liệu được xây dựng, đưa vào vận hành",
        profile="done_late",
        note="Đã hoàn thành; chậm do doanh nghiệp viễn thông gửi số liệu trạm BTS không đúng hạn.",
    ),
    DemoTask(
        number="94",
        category="data",
        title=(
            "Xây dựng cơ sở dữ liệu văn bản quy phạm pháp luật của tỉnh, liên thông cơ sở dữ liệu quốc gia về pháp luật"
        ),
        lead="sotp",
        coordinators=("vpubnd",),
        output="Cơ sở dữ liệu được cập nhật, liên thông",
        profile="done_on_time",
        note="Đã cập nhật 100% văn bản quy phạm pháp luật của tỉnh còn hiệu lực.",
    ),
    DemoTask(
        number="95",
        category="data",
        title="Xây dựng cơ sở dữ liệu thi đua, khen thưởng của tỉnh phục vụ quản lý, xét duyệt trực tuyến",
        lead="sonv",
        coordinators=("sotttt",),
        output="Cơ sở dữ liệu được xây dựng, đưa vào vận hành",
        profile="not_started",
        note="",
    ),
    DemoTask(
        number="96",
        category="data",
        title=("Xây dựng cơ sở dữ liệu du lịch (cơ sở lưu trú, lữ hành, điểm đến) phục vụ quảng bá, xúc tiến du lịch"),
        lead="sovhttdl",
        coordinators=("sotttt", "ubndnahang", "ubndlambinh"),
        output="Cơ sở dữ liệu được xây dựng, đưa vào vận hành",
        profile="in_progress",
        note=("Đã cập nhật 312 cơ sở lưu trú, 48 điểm đến; đang tích hợp dữ liệu lên ứng dụng du lịch thông minh."),
    ),
    DemoTask(
        number="97",
        category="data",
        title=("Xây dựng cơ sở dữ liệu dược, trang thiết bị y tế và cơ sở hành nghề y, dược tư nhân trên địa bàn tỉnh"),
        lead="soyte",
        coordinators=("sotc",),
        output="Cơ sở dữ liệu được xây dựng, đưa vào vận hành",
        profile="done_late",
        note="Đã hoàn thành; chậm 1 tháng do các cơ sở hành nghề tư nhân cập nhật thông tin chậm.",
    ),
    DemoTask(
        number="98",
        category="data",
        title="Xây dựng cơ sở dữ liệu về nhà ở và thị trường bất động sản trên địa bàn tỉnh Tuyên Quang",
        lead="soxd",
        coordinators=("sotnmt", "sotc"),
        output="Cơ sở dữ liệu được xây dựng, kết nối với hệ thống của Bộ Xây dựng",
        profile="overdue_not_started",
        note="",
    ),
    DemoTask(
        number="99",
        category="data",
        title=(
            "Xây dựng cơ sở dữ liệu về phương tiện, người điều khiển phương tiện và tai nạn giao thông trên "
            "địa bàn tỉnh"
        ),
        lead="congan",
        coordinators=("sogtvt",),
        output="Cơ sở dữ liệu được xây dựng, đưa vào vận hành",
        profile="submitted",
        note="Đã đưa vào khai thác phục vụ xử lý vi phạm; đã gửi báo cáo hoàn thành, chờ xác nhận.",
    ),
    DemoTask(
        number="100",
        category="data",
        title="Xây dựng kho dữ liệu dùng chung của tỉnh, tích hợp dữ liệu từ các cơ sở dữ liệu chuyên ngành",
        lead="sotttt",
        coordinators=("vpubnd", "sokhdt", "congan"),
        output="Kho dữ liệu dùng chung được đưa vào vận hành",
        profile="in_progress",
        note="Đã tích hợp dữ liệu từ 7 cơ sở dữ liệu chuyên ngành; đang xây dựng bộ chỉ tiêu phục vụ IOC.",
    ),
    DemoTask(
        number="101",
        category="data",
        title=("Xây dựng, cập nhật danh mục cơ sở dữ liệu dùng chung, cơ sở dữ liệu chuyên ngành của tỉnh Tuyên Quang"),
        lead="sotttt",
        coordinators=("sokhdt", "vpubnd"),
        output="Danh mục được UBND tỉnh ban hành",
        profile="in_progress",
        note="Đã ban hành danh mục lần 1; đang tổng hợp đề xuất bổ sung của các sở, ngành.",
    ),
    DemoTask(
        number="102",
        category="data",
        title="Xây dựng cơ sở dữ liệu về tín ngưỡng, tôn giáo và cơ sở thờ tự trên địa bàn tỉnh Tuyên Quang",
        lead="sonv",
        coordinators=("congan",),
        output="Cơ sở dữ liệu được xây dựng, đưa vào vận hành",
        profile="not_started",
        note="",
    ),
    DemoTask(
        number="103",
        category="data",
        title="Số hóa tài liệu lưu trữ, xây dựng cơ sở dữ liệu tài liệu lưu trữ lịch sử của tỉnh Tuyên Quang",
        lead="sonv",
        coordinators=("sotttt", "vpubnd"),
        output="Cơ sở dữ liệu tài liệu lưu trữ được đưa vào khai thác",
        profile="overdue",
        note=("Đã số hóa 1,2 triệu/3,5 triệu trang tài liệu; chậm do thiếu kinh phí. Đề nghị gia hạn đến năm 2024."),
    ),
    DemoTask(
        number="104",
        category="data",
        title=("Xây dựng cơ sở dữ liệu quản lý đô thị, hạ tầng kỹ thuật và cây xanh đô thị thành phố Tuyên Quang"),
        lead="ubndtp",
        coordinators=("soxd",),
        output="Cơ sở dữ liệu được xây dựng, đưa vào vận hành",
        profile="not_started",
        note="",
    ),
    DemoTask(
        number="105",
        category="data",
        title=("Xây dựng cơ sở dữ liệu kinh tế - xã hội cấp huyện phục vụ chỉ đạo, điều hành của UBND huyện Chiêm Hóa"),
        lead="ubndchiemhoa",
        coordinators=("sotttt", "sokhdt"),
        output="Cơ sở dữ liệu được xây dựng, đưa vào vận hành",
        profile="in_progress",
        note="Đã xây dựng bộ chỉ tiêu; đang nhập dữ liệu của 26/26 xã, thị trấn.",
    ),
    DemoTask(
        number="106",
        category="data",
        title=("Xây dựng cơ sở dữ liệu công trình thủy lợi, nước sạch nông thôn và phòng, chống thiên tai của tỉnh"),
        lead="sonnptnt",
        coordinators=("sotnmt", "ubndhamyen"),
        output="Cơ sở dữ liệu được xây dựng, đưa vào vận hành",
        profile="due_soon",
        note=("Đã nhập dữ liệu 1.150 công trình thủy lợi; đang hoàn thiện dữ liệu nước sạch nông thôn để nghiệm thu."),
    ),
    # ------------------------------------------------------------------ security (107-109)
    DemoTask(
        number="107",
        category="security",
        title=(
            "Xây dựng Trung tâm giám sát an toàn thông tin mạng (SOC) của tỉnh, kết nối với Hệ thống giám sát quốc gia"
        ),
        lead="sotttt",
        coordinators=("congan", "viettel"),
        output="Trung tâm SOC được đưa vào vận hành",
        profile="done_on_time",
        note="SOC đã vận hành, kết nối với Trung tâm Giám sát an toàn không gian mạng quốc gia.",
    ),
    DemoTask(
        number="108",
        category="security",
        title=("Phê duyệt hồ sơ đề xuất cấp độ và triển khai phương án bảo đảm an toàn hệ thống thông tin theo cấp độ"),
        lead="sotttt",
        coordinators=("congan", "vpubnd"),
        output="Hồ sơ cấp độ được phê duyệt cho 100% hệ thống thông tin",
        profile="in_progress",
        note="Đã phê duyệt hồ sơ cấp độ 41/56 hệ thống thông tin; các cơ quan còn lại đang hoàn thiện hồ sơ.",
    ),
    DemoTask(
        number="109",
        category="security",
        title=(
            "Phòng ngừa, phát hiện, xử lý tấn công mạng, lộ lọt bí mật nhà nước; diễn tập ứng cứu sự cố an "
            "toàn thông tin"
        ),
        lead="congan",
        coordinators=("sotttt",),
        output="Báo cáo kết quả bảo đảm an ninh mạng; diễn tập được tổ chức",
        profile="ongoing",
        note="Đã phát hiện, cảnh báo 27 lượt tấn công; tổ chức 01 cuộc diễn tập ứng cứu sự cố.",
    ),
)


# --------------------------------------------------------------------------- self-checks
_CATEGORY_COUNTS = {
    "awareness": 4,
    "policy": 17,
    "infrastructure": 13,
    "platforms": 32,
    "data": 40,
    "security": 3,
}
_PROFILE_COUNTS = {
    "done_on_time": 30,
    "done_late": 10,
    "in_progress": 22,
    "overdue": 11,
    "overdue_not_started": 3,
    "due_soon": 6,
    "submitted": 7,
    "not_started": 9,
    "ongoing": 6,
    "yearly": 4,
    "cancelled": 1,
}
_AGENCY_CODES = {a.code for a in AGENCIES}

assert len(AGENCIES) == len(_AGENCY_CODES), "duplicate agency code"
assert len(TASKS) == 109
_NUMBERS = [str(i) for i in range(1, 110)]
assert [t.number for t in TASKS] == _NUMBERS, "numbers must be 1..109 in order"
_CATEGORIES = [c for c, n in _CATEGORY_COUNTS.items() for _ in range(n)]
assert [t.category for t in TASKS] == _CATEGORIES, "bad category order"
_PROFILES = {p: sum(1 for t in TASKS if t.profile == p) for p in _PROFILE_COUNTS}
assert _PROFILES == _PROFILE_COUNTS, "profile counts differ"
assert all(t.profile in _PROFILE_COUNTS for t in TASKS), "unknown profile"
assert all(t.lead in _AGENCY_CODES for t in TASKS), "unknown lead agency"
_COORDINATORS = {c for t in TASKS for c in t.coordinators}
assert _COORDINATORS <= _AGENCY_CODES, "unknown coordinating agency"
assert all(t.lead not in t.coordinators for t in TASKS), "lead listed as coordinator"
assert all(len(t.coordinators) <= 4 for t in TASKS), "too many coordinators"
assert len({t.title for t in TASKS}) == len(TASKS), "duplicate task title"
