"""The demo report definition: every item of the ROC 111 report, in its order and numbering,
written afresh from its facts, with a placeholder for every figure.

S(heading, lead, items, sections) is a section of the left column; I(title, text, children) a
numbered point of the right column. Figures: the apps' keys (facilities.…, consumer_protection.…)
and hand-entered ones (manual.…, listed in MANUAL with their 111 and 110 values).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class I:  # noqa: E742 — reads as the report's own "item"
    title: str = ""
    text: str = ""
    children: list[I] = field(default_factory=list)


@dataclass
class S:
    heading: str
    lead: str = ""
    items: list[I] = field(default_factory=list)
    sections: list[S] = field(default_factory=list)


D = Decimal

# key: (label, unit, kind, value in 111, value in 110)
MANUAL: dict[str, tuple[str, str, str, Decimal, Decimal]] = {
    "manual.general_affairs.cleaning_evaluations": ("環境清潔暨綠美化績效考核", "次", "count", D(3), D(3)),
    "manual.procurement.green_rate": ("綠色採購指定項目達成率", "%", "percent", D("0.907"), D("0.893")),
    "manual.procurement.disability_rate": ("優先採購身心障礙福利機構產品比率", "%", "percent", D("0.05"), D("0.05")),
    "manual.protection.trainees": ("防護團講習參訓人員", "人", "count", D(74), D(66)),
    "manual.protection.fire_drills_each": ("自衛消防編組訓練（每一行政中心）", "次", "count", D(2), D(2)),
    "manual.staff.temp_review_meetings": ("臨時人員進用審核小組會議", "次", "count", D(6), D(5)),
    "manual.staff.temp_proposals": ("臨時人員進用審核提案", "項", "count", D(10), D(8)),
    "manual.staff.temp_approved": ("同意進用臨時人員", "人", "count", D(20), D(14)),
    "manual.staff.awardees": ("表揚績優基層人員", "名", "count", D(50), D(50)),
    "manual.staff.award_bonus": ("績優基層人員每人獎金", "元", "money", D(10000), D(10000)),
    "manual.staff.kpsn_sessions": ("職工人事系統操作班", "場次", "count", D(4), D(3)),
    "manual.staff.kpsn_trainees": ("職工管理研習參訓人數", "人", "count", D(75), D(58)),
    "manual.staff.seminar_sessions": ("基層人員研習課程", "場", "count", D(6), D(5)),
    "manual.staff.seminar_trainees": ("基層人員研習參訓人數", "人", "count", D(173), D(141)),
    "manual.staff.pension_topup": ("勞工退休準備金專戶撥補差額", "元", "money", D(207313663), D(186502114)),
    "manual.staff.janitor_cut": ("精簡工友", "人", "count", D(217), D(204)),
    "manual.staff.janitor_saving": ("精簡工友節省經費", "元", "money", D(139520000), D(131200000)),
    "manual.staff.assistant_cut": ("精簡業務助理", "人", "count", D(32), D(29)),
    "manual.staff.assistant_saving": ("精簡業務助理節省經費", "元", "money", D(12730000), D(11540000)),
    "manual.staff.total_saving": ("員額精簡合計節省經費", "元", "money", D(152250000), D(142740000)),
    "manual.staff.job_postings": ("工友網路徵才公告", "次", "count", D(301), D(276)),
    "manual.staff.paper_sheets": ("節省A4紙張", "張", "count", D(857850), D(786600)),
    "manual.staff.paper_saving": ("節省紙張費用", "元", "money", D(146222), D(134078)),
    "manual.staff.toner_cartridges": ("節省碳粉匣", "個", "count", D(36), D(33)),
    "manual.staff.toner_saving": ("節省碳粉匣費用", "元", "money", D(93600), D(85800)),
    "manual.staff.posting_total_saving": ("網路徵才合計節省", "元", "money", D(239822), D(219878)),
    "manual.vehicles.budget": ("次年度車輛設備預算", "萬元", "count", D("8798.1"), D("7952.4")),
    "manual.vehicles.lease_renewal": ("次年度車輛續租經費", "萬元", "count", D("1013.1"), D("968.5")),
    "manual.vehicles.police_extra": ("警用機車汰換額度外需求", "萬元", "count", D("1433.8"), D("1210.6")),
    "manual.research.phone_tests": ("電話服務品質測試", "次", "count", D(2), D(2)),
    "manual.research.phone_persons": ("電話服務品質抽測", "人次", "count", D(16), D(14)),
    "manual.documents.agencies": ("使用二代公文系統之機關學校", "個", "count", D(572), D(570)),
    "manual.documents.e_sign_target": ("電子簽核比率目標", "%", "percent", D("0.45"), D("0.40")),
    "manual.documents.e_exchange_target": ("電子交換使用率目標", "%", "percent", D("0.70"), D("0.70")),
    "manual.documents.gold_archive_agencies": ("累計榮獲金檔獎機關", "個", "count", D(35), D(34)),
    "manual.documents.gold_archivists": ("累計榮獲金質獎檔管人員", "位", "count", D(45), D(44)),
    "manual.documents.security_sessions": ("資通安全研習", "場次", "count", D(2), D(2)),
    "manual.documents.security_trainees": ("資通安全研習參訓", "人次", "count", D(125), D(112)),
    "manual.international.lantern_drones": ("台灣燈會無人機展演", "台", "count", D(1500), D(0)),
}

# The apps' figures with the values they state in 111 (and a smaller 110): used as hand-entered
# stand-ins only while an app that should compute them is not installed yet.
APP_FALLBACKS: dict[str, tuple[str, str, str, Decimal, Decimal]] = {
    "documents.e_sign_rate": ("本處公文電子簽核比率", "%", "percent", D("0.577"), D("0.52")),
    "documents.e_exchange_rate": ("本處公文電子交換使用率", "%", "percent", D("0.775"), D("0.74")),
    "documents.control_yuan_petitions_second": ("監察院巡察受理陳情（下半年）", "件", "count", D(15), D(9)),
    "documents.control_yuan_petitions_first": ("監察院巡察受理陳情（上半年）", "件", "count", D(5), D(7)),
    "documents.extraordinary_meetings": ("市政會議臨時會", "次", "count", D(1), D(1)),
    "documents.municipal_meetings": ("市政會議", "次", "count", D(52), D(51)),
    "documents.gazette_issues": ("電子公報出刊", "期", "count", D(124), D(104)),
    "documents.open_data_sets": ("開放資料集", "項", "count", D(27), D(24)),
    "documents.e_exchange_organisations": ("申請公文電子交換之民間組織及團體", "個", "count", D(79), D(71)),
    "documents.petitions": ("線上系統管制之市民陳情案件", "件", "count", D(964), D(903)),
    "international.nine_nation_delegation": ("訪高使節團國家數", "國", "count", D(9), D(0)),
    "international.palau_tests": ("捐贈帛琉快篩試劑", "份", "count", D(2000), D(0)),
    "international.palau_n95": ("捐贈帛琉N95口罩", "片", "count", D(1440), D(0)),
    "international.palau_masks": ("捐贈帛琉醫療口罩", "片", "count", D(10800), D(0)),
    "international.asia_pacific_cities": ("亞太地區姊妹市及友好夥伴城市", "個", "count", D(12), D(12)),
    "international.daegu_students": ("大邱國際青年營推薦學生", "位", "count", D(5), D(4)),
    "international.suwon_participants": ("水原市視訊語言交流參加者", "名", "count", D(10), D(8)),
    "international.tie_years.daejeon": ("與大田廣域市締盟周年", "周年", "count", D(5), D(4)),
    "international.tie_years.brisbane": ("與布里斯本市締盟周年", "周年", "count", D(25), D(24)),
    "international.tie_years.san_antonio": ("與聖安東尼市締盟周年", "周年", "count", D(40), D(39)),
    "international.tie_years.busan": ("與釜山市締盟周年", "周年", "count", D(55), D(54)),
    "international.tie_years.kumamoto": ("與熊本縣、熊本市締盟周年", "周年", "count", D(5), D(4)),
    "international.theme_cities": ("主題展響應城市", "個", "count", D(13), D(9)),
    "international.theme_countries": ("主題展響應國家", "國", "count", D(5), D(4)),
    "international.newest_partner_ordinal": ("最新締盟城市之序號", "", "count", D(36), D(35)),
    "international.visitor_persons": ("接待國際訪賓", "人次", "count", D(220), D(57)),
    "international.visitor_cases": ("接待國際訪賓", "案", "count", D(33), D(11)),
    "dormitories.occupancy_checks": ("宿舍居住事實查考", "次", "count", D(2), D(2)),
    "dormitories.residence_lendings": ("市長官邸借用", "場次", "count", D(10), D(6)),
    "dormitories.family": ("眷舍", "間", "count", D(3), D(3)),
    "dormitories.single_room": ("單房間職務宿舍", "間", "count", D(6), D(7)),
    "dormitories.multi_room": ("多房間職務宿舍", "間", "count", D(32), D(33)),
    "dormitories.head_residences": ("首長職務宿舍", "間", "count", D(3), D(3)),
    "dormitories.total": ("經管市有宿舍", "間", "count", D(44), D(46)),
    "facilities.open_sessions.siwei": ("四維行政中心中庭、廣場及大禮堂開放場次", "場次", "count", D(79), D(52)),
    "facilities.meeting_room_bookings.siwei": ("四維行政中心會議室受理借用", "場次", "count", D(1606), D(1384)),
    "facilities.open_sessions.fengshan": (
        "鳳山行政中心中庭、廣場、大禮堂及多媒體會議室開放場次",
        "場次",
        "count",
        D(71),
        D(48),
    ),
    "facilities.meeting_room_bookings.fengshan": ("鳳山行政中心會議室受理借用", "場次", "count", D(1031), D(902)),
    "facilities.maintenance_requests": ("公共設備報修受理", "件", "count", D(895), D(842)),
    "facilities.lift_posters": ("電梯海報張貼", "次", "count", D(28), D(21)),
    "facilities.led_wall_videos": ("LED電視牆播放宣導短片", "次", "count", D(29), D(24)),
    "facilities.vehicle_trips": ("線上派遣公務車（含禮賓車）", "車次", "count", D(1125), D(987)),
    "facilities.parking_permits": ("核發公務臨時停車證", "張", "count", D(8660), D(7912)),
    "consumer_protection.consultations": ("消費事件諮詢", "人次", "count", D(13358), D(12407)),
    "consumer_protection.first_complaints": ("消費爭議第一次申訴", "件", "count", D(5881), D(5316)),
    "consumer_protection.second_complaints": ("消費爭議第二次申訴", "件", "count", D(1293), D(1170)),
    "consumer_protection.mediation_meetings": ("消費爭議調解會議", "次", "count", D(14), D(12)),
    "consumer_protection.mediation_cases": ("消費爭議調解案件", "件", "count", D(196), D(171)),
    "consumer_protection.inspection_rounds": ("消費商品或服務查核", "次", "count", D(34), D(29)),
    "consumer_protection.inspection_venues": ("查核場家", "場家", "count", D(102), D(88)),
    "consumer_protection.education_events": ("消費者保護教育宣導", "場次", "count", D(19), D(15)),
    "consumer_protection.trainings": ("消費者保護業務研習", "場", "count", D(1), D(1)),
    "consumer_protection.training_participants": ("消費者保護業務研習參加人員", "名", "count", D(31), D(27)),
    "consumer_protection.committee_meetings": ("消費者保護委員會議", "次", "count", D(2), D(2)),
    "consumer_protection.mediation_committee_external": ("調解委員會府外委員", "人", "count", D(11), D(11)),
    "consumer_protection.mediation_committee_officers": ("調解委員會消保官委員", "人", "count", D(4), D(4)),
    "consumer_protection.protection_committee_external": ("消費者保護委員會府外委員", "人", "count", D(7), D(7)),
    "consumer_protection.protection_committee_agencies": ("消費者保護委員會機關代表", "人", "count", D(8), D(8)),
    "consumer_protection.handled_within_limit": (
        "業者於15日內處理第一次申訴之比率",
        "%",
        "percent",
        D("0.874"),
        D("0.861"),
    ),
}

Y = "{{ roc_year }}"
NY = "{{ next_roc_year }}"

GENERAL = S(
    "一般行政",
    sections=[
        S(
            "事務管理",
            sections=[
                S(
                    "庶務工作",
                    items=[
                        I(
                            "四維、鳳山兩行政中心環境綠美化",
                            children=[
                                I(
                                    text="兩中心大樓周邊及庭園栽種景觀樹木與花草，定期修剪養護；公共走道的盆栽花木也定期輪換，讓洽公市民有舒適的環境，並改善室內空氣。"
                                ),
                                I(
                                    text=f"依兩中心大樓環境清潔維護實施計畫，{Y}年度辦理環境清潔及綠美化績效考核共{{{{ manual.general_affairs.cleaning_evaluations }}}}次。"
                                ),
                            ],
                        ),
                        I(
                            "提高兩行政中心會場使用效益",
                            children=[
                                I(
                                    text="本處網站公開各會場現況照片、設備說明與借用申請書，並設單一申請窗口，方便各界查詢借用，提升集會場所使用率。"
                                ),
                                I(
                                    text=f"{Y}年度四維行政中心中庭、廣場及大禮堂共開放{{{{ facilities.open_sessions.siwei }}}}場次，各會議室受理借用{{{{ facilities.meeting_room_bookings.siwei }}}}場次；"
                                    "鳳山行政中心中庭、廣場、大禮堂及多媒體會議室共開放{{ facilities.open_sessions.fengshan }}場次，各會議室受理借用{{ facilities.meeting_room_bookings.fengshan }}場次。"
                                ),
                            ],
                        ),
                        I(
                            "推動綠色採購及優先採購身心障礙福利機構產品",
                            f"{Y}年度綠色採購指定項目達成率{{{{ manual.procurement.green_rate }}}}；優先採購身心障礙福利機構或團體生產之物品，達到法定比率{{{{ manual.procurement.disability_rate }}}}。",
                        ),
                        I(
                            "營造親民友善的公共空間",
                            children=[
                                I(text=f"{Y}年1月農曆春節期間，於兩行政中心布置新春藝術作品及應景標語，增添年節氣氛。"),
                                I(
                                    text="受理本府各機關學校申請於兩中心電梯海報夾張貼宣導海報，共{{ facilities.lift_posters }}次，讓市政訊息觸及更多市民。"
                                ),
                                I(
                                    text="受理各機關學校申請於四維行政中心中庭LED電視牆播映市政宣導影片，共{{ facilities.led_wall_videos }}次。"
                                ),
                                I(
                                    text="疫情警戒升級期間，兩中心自110年5月18日起實施聯合洽公，由指定區域統一受理（四維為一樓中庭，鳳山為後棟一樓多媒體簡報室），除員工、與會者及特殊事由外民眾不上樓，以減少接觸；疫情趨緩後於111年12月12日解除管制。"
                                ),
                            ],
                        ),
                    ],
                ),
                S(
                    "廳舍管理維護",
                    items=[
                        I(
                            text=f"負責兩行政中心建築、水電、空調、消防、電梯、通信、廣播及監視等公共設備的保養維護，並受理各機關報修；{Y}年度受理{{{{ facilities.maintenance_requests }}}}件，維持辦公環境正常運作。"
                        ),
                        I(
                            text="辦理兩中心大樓高低壓電氣設備檢驗、消防安全設備檢查及改善、節約能源，以及火災與公共意外保險等事項，確保公共安全。"
                        ),
                    ],
                ),
                S(
                    "宿舍管理",
                    items=[
                        I(
                            text="經管市有宿舍共{{ dormitories.total }}間：首長職務宿舍{{ dormitories.head_residences }}間、多房間職務宿舍{{ dormitories.multi_room }}間、單房間職務宿舍{{ dormitories.single_room }}間及眷舍{{ dormitories.family }}間。"
                        ),
                        I(
                            text=f"活化首長職務宿舍（市長官邸），開放機關（構）及立案之學校、公司行號或團體辦理文化藝術、學術教育、社會教育或其他經核准的公益活動，{Y}年度借用{{{{ dormitories.residence_lendings }}}}場次。"
                        ),
                        I(
                            text=f"不定期巡查宿舍設施，老舊或損壞設備即時修繕汰換；每年於5月及11月辦理居住事實查考，{Y}年度{{{{ dormitories.occupancy_checks }}}}次均如期完成。"
                        ),
                        I(text="部分宿舍空地及眷舍空屋借予前金區公所，作為綠美化基地及里民休憩空間，活化閒置資產。"),
                    ],
                ),
                S(
                    "財產管理",
                    items=[
                        I(text="辦理財產增加、報廢減損等異動手續，並按期彙送各類統計報表至管理系統。"),
                        I(text="辦理兩行政中心經管財產及物品之年度盤點。"),
                        I(text="不定期清查財產，辦理移撥、捐贈及變賣，讓財產發揮最大效用。"),
                    ],
                ),
                S(
                    "防護工作",
                    items=[
                        I(
                            text=f"辦理四維行政中心辦公大樓{Y}年防護團講習，參訓人員{{{{ manual.protection.trainees }}}}人。"
                        ),
                        I(
                            text=f"四維、鳳山兩行政中心辦公大樓{Y}年度自衛消防編組訓練各辦理{{{{ manual.protection.fire_drills_each }}}}次，演練成果送主管機關消防局備查。"
                        ),
                    ],
                ),
            ],
        ),
        S(
            "充實設備",
            items=[
                I(
                    text="整修四維行政中心東北側貨梯1部及鳳山行政中心後棟客梯2部的控制系統，主馬達改為變頻式，並更新乘場與車廂設備，提升運轉效率、延長使用年限，兼顧安全與節能減碳。"
                ),
                I(
                    text="兩行政中心廁所增設親子設備，包括兒童安全座椅、尿布臺、子母馬桶蓋及安全增高腳凳，並設置引導標示，提供友善安心的如廁環境。"
                ),
                I(
                    text="汰換兩行政中心中央空調設備：四維更換6、7樓老舊線形出風口；鳳山更換後棟儲冰系統管線保溫材及前棟冷卻水管線閥件，提高空調系統運轉的可靠度。"
                ),
            ],
        ),
        S(
            "職工管理",
            items=[
                I(
                    "本府臨時人員進用之審核",
                    f"依本府所屬各機關學校臨時人員進用及運用要點，嚴格審核各機關提出的臨時人員需求，以撙節公帑。截至{Y}年底共召開審核小組會議{{{{ manual.staff.temp_review_meetings }}}}次，"
                    "審查運動發展局、農業局、社會局、水利局、衛生局及教育局等機關提案{{ manual.staff.temp_proposals }}項，同意進用{{ manual.staff.temp_approved }}人。",
                ),
                I(
                    "績優基層人員選拔與表揚",
                    f"{Y}年8月10日於四維行政中心大禮堂由市長親自頒獎，表揚績優基層人員{{{{ manual.staff.awardees }}}}名，每人致贈獎座及獎金{{{{ manual.staff.award_bonus }}}}，肯定基層同仁的辛勞付出。",
                ),
                I(
                    "職工管理研習",
                    f"於{Y}年2月16日（上、下午場）及12月20、21日辦理「KPSN2職工人事系統功能說明與實機操作班」共{{{{ manual.staff.kpsn_sessions }}}}場次，{{{{ manual.staff.kpsn_trainees }}}}人參訓，"
                    "強化各機關學校職工管理人員在僱用、待遇、差假、考核獎懲、退休撫卹及人事資料管理方面的專業知能。",
                ),
                I(
                    "基層人員研習講座",
                    f"{Y}年全年辦理職場人際關係與溝通技巧（一）（二）、退休理財、長照新知（一）（二）及交通法令與安全駕駛等研習共{{{{ manual.staff.seminar_sessions }}}}場，"
                    "{{ manual.staff.seminar_trainees }}人參訓，充實基層同仁的工作知能並激發工作熱忱。",
                ),
                I(
                    "勞工退休準備金專戶撥補",
                    "為符合勞動基準法第56條第2項規定，完成本府各機關勞工退休準備金專戶差額撥補，金額約{{ manual.staff.pension_topup }}。",
                ),
                I(
                    "控管職工人事費成長",
                    f"依本府事務勞力替代措施推動方案及開源節流實施要項計畫，落實員額精簡。{Y}年1至11月精簡工友{{{{ manual.staff.janitor_cut }}}}人，節省經費約{{{{ manual.staff.janitor_saving }}}}；"
                    "精簡業務助理{{ manual.staff.assistant_cut }}人，節省經費約{{ manual.staff.assistant_saving }}；合計節省約{{ manual.staff.total_saving }}。",
                ),
                I(
                    "工友網路徵才",
                    f"各機關學校工友（含技工、駕駛）出缺時，徵才資訊統一於本處「工友事求人」網頁公告，減少紙本公文往返。{Y}年協助各機關公告{{{{ manual.staff.job_postings }}}}次，"
                    "估計節省紙張費用約{{ manual.staff.paper_saving }}（A4紙約{{ manual.staff.paper_sheets }}張）及碳粉匣{{ manual.staff.toner_cartridges }}個約{{ manual.staff.toner_saving }}，合計約{{ manual.staff.posting_total_saving }}。",
                ),
            ],
        ),
        S(
            "車輛管理",
            items=[
                I(
                    "公務車輛先期審查",
                    children=[
                        I(
                            text=f"依本府所屬各機關購置公務車輛作業要點，辦理{NY}年度購置公務車輛先期審查，審定車輛設備預算{{{{ manual.vehicles.budget }}}}萬元（含續租{{{{ manual.vehicles.lease_renewal }}}}萬元）。"
                        ),
                        I(
                            text=f"警察局依警政署汰換警用車輛一般性補助款控管及考核計畫，積極爭取{NY}年度汰換警用機車補助，提出額度外需求{{{{ manual.vehicles.police_extra }}}}萬元，經市府預算會議審查通過。"
                        ),
                    ],
                ),
                I(
                    "線上申請派用公務車",
                    f"{Y}年度經線上系統派遣公務車（含禮賓車）共{{{{ facilities.vehicle_trips }}}}車次。",
                ),
                I(
                    "核發臨時停車證",
                    "依四維及鳳山行政中心停車場使用管理要點，1至12月核發公務臨時停車證約{{ facilities.parking_permits }}張。",
                ),
            ],
        ),
        S(
            "視察及研考業務",
            sections=[
                S(
                    "配合監察院年度地方機關巡察",
                    items=[
                        I(
                            text="3月24、25日配合監察院110年度第2次地方機關巡察（林國明委員、田秋堇委員），受理民眾及團體陳情{{ documents.control_yuan_petitions_first }}件，並聽取原日本海軍鳳山無線電信所不義遺址保存及推廣簡報，實地巡察該所及柯旗化故居。"
                        ),
                        I(
                            text=f"10月20、21日配合監察院{Y}年度第1次地方機關巡察（蔡崇義委員、林郁容委員），受理陳情{{{{ documents.control_yuan_petitions_second }}}}件，並巡察高雄流行音樂中心的營運與管理。"
                        ),
                    ],
                ),
                S(
                    "研考業務",
                    items=[
                        I(text="辦理本處研考業務之管制及處理。"),
                        I(
                            "電話服務品質及禮貌測試",
                            f"依本處電話服務品質及禮貌測試執行計畫不定期抽測，{Y}年度辦理{{{{ manual.research.phone_tests }}}}次、抽測{{{{ manual.research.phone_persons }}}}人次，建立專業、親切且有效率的電話服務形象。",
                        ),
                        I(
                            f"{Y}年度風險管理作業",
                            f"本府自110年起請各機關參照行政院規定推動風險管理；本處於{Y}年2月28日前完成年度風險管理作業計畫書並據以執行，落實施政風險管控。",
                        ),
                    ],
                ),
            ],
        ),
        S(
            "消費者保護",
            sections=[
                S(
                    "消費商品或服務查核工作",
                    lead="會同各目的事業主管機關查察主要消費場所及商品，包括預售屋與成屋定型化契約及廣告、學校營養午餐、中古汽車買賣契約、加水站水質、家用液化石油氣契約，以及飯店與大賣場停車場聯合稽查等，"
                    f"並於重要節慶期間加強民生食品安全及物價查訪。{Y}年共查核{{{{ consumer_protection.inspection_rounds }}}}次、{{{{ consumer_protection.inspection_venues }}}}場家。",
                ),
                S(
                    "消費者保護教育宣導",
                    items=[
                        I(text="建置消費者保護專屬網頁，提供消保資訊並加強消費知識宣導。"),
                        I(
                            text=f"{Y}年本處消費者保護官接受媒體專訪、應邀擔任講座，或赴機關學校與民間團體宣導，共{{{{ consumer_protection.education_events }}}}場次。"
                        ),
                        I(text="不定期透過網路、電台及有線電視跑馬燈，宣導「1950消費者服務專線」及消保資訊。"),
                    ],
                ),
                S(
                    "辦理消費者保護業務座談及業務精進研習",
                    items=[
                        I(
                            text=f"{Y}年10月19日與行政院消費者保護處合辦教育研習會{{{{ consumer_protection.trainings }}}}場，於四維行政中心9樓第6會議室講授主管機關落實消保機制的具體作法，以及消保團體代位提起團體訴訟的案例。"
                        ),
                        I(
                            text="本府消保業務主管機關、台灣消費者保護協會、高雄市消費者保護協會及消保志工共{{ consumer_protection.training_participants }}名參加，從消保法規、公部門的消保意識到團訟案例解析，提升協助民眾處理消費問題的能力。"
                        ),
                    ],
                ),
                S(
                    "消費諮詢、申訴及調解",
                    lead=f"{Y}年受理消費諮詢{{{{ consumer_protection.consultations }}}}人次；消費爭議第一次申訴{{{{ consumer_protection.first_complaints }}}}件、第二次申訴{{{{ consumer_protection.second_complaints }}}}件；"
                    "召開消費爭議調解會議{{ consumer_protection.mediation_meetings }}次，調解{{ consumer_protection.mediation_cases }}件。業者於法定15日內處理第一次申訴的比率為{{ consumer_protection.handled_within_limit }}。",
                ),
                S(
                    "辦理本市消費爭議調解委員會委員及本府消費者保護委員會委員遴聘作業",
                    items=[
                        I(
                            "遴聘本市消費爭議調解委員會委員",
                            "依直轄市縣(市)消費爭議調解委員會設置要點第2點，敦聘府外學者專家、工商團體及消保團體代表{{ consumer_protection.mediation_committee_external }}人，與本府消保官{{ consumer_protection.mediation_committee_officers }}人擔任調解委員，任期自110年3月1日至112年2月28日。",
                        ),
                        I(
                            "遴聘本府消費者保護委員會委員",
                            "依本府消費者保護委員會設置要點第3點，聘請專家學者、工商團體及消保團體代表{{ consumer_protection.protection_committee_external }}人與本府機關代表{{ consumer_protection.protection_committee_agencies }}人組成委員會，由副市長擔任召集人，任期自110年6月1日至112年5月31日。",
                        ),
                    ],
                ),
                S(
                    "召開消費者保護委員會議",
                    lead=f"{Y}年7月14日及12月20日共召開消費者保護委員會議{{{{ consumer_protection.committee_meetings }}}}次，聽取視聽歌唱及夜店等休閒場所防毒措施、菸酒管理、殯葬服務業輔導管理及健身中心履約保證等專案報告，精進本府消保工作。",
                ),
            ],
        ),
    ],
)

DOCUMENTS = S(
    "文書業務",
    sections=[
        S(
            "優化文書資訊服務",
            items=[
                I(
                    text=f"{Y}年11月28日完成第二代公文整合系統負載平衡器暨資安提升專案，提升機關版與學校版公文系統的效能與資安防護。"
                ),
                I(
                    text="5月4日完成二代公文系統AI智慧銷毀擴充功能；11月25日配合文書流程管理作業規範修正，調整公文及彙併案限辦日期的計算方式，並新增「特殊性案件」公文性質代碼。"
                ),
                I(
                    text=f"持續擴大公文電子交換服務，依本府公文電子交換作業要點受理本市民間組織及團體申請，截至{Y}年12月已有{{{{ documents.e_exchange_organisations }}}}個民間組織及團體使用，提升公私部門聯繫效率並節能減紙。"
                ),
                I(
                    text=f"持續維護本府所屬{{{{ manual.documents.agencies }}}}個機關學校的二代公文整合系統及公文電子交換系統；{Y}年各機關電子簽核比率及電子交換使用率均達行政院{{{{ manual.documents.e_sign_target }}}}及{{{{ manual.documents.e_exchange_target }}}}的目標（本處公文電子簽核比率{{{{ documents.e_sign_rate }}}}、電子交換使用率{{{{ documents.e_exchange_rate }}}}），節省紙張與郵資。"
                ),
            ],
        ),
        S(
            "推動檔案保存與應用價值",
            items=[
                I(
                    text=f"{Y}年12月8日修正發布「高雄市政府檔案管理考評要點」，持續考評各機關檔案管理，提升檔管效能與人員素質，妥善保存施政紀錄。"
                ),
                I(
                    text=f"輔導民政局獲國家發展委員會檔案管理局第19屆金檔獎、地政局仁武地政事務所課長獲第19屆金質獎；截至{Y}年本府累計{{{{ manual.documents.gold_archive_agencies }}}}個機關獲金檔獎、{{{{ manual.documents.gold_archivists }}}}位檔管人員獲金質獎，績效全國第一。"
                ),
                I(text="持續辦理府管檔案移交，提升檔案典藏、檢調及應用效益。"),
            ],
        ),
        S(
            "增強資訊安全",
            items=[
                I(
                    text=f"{Y}年11月29日通過第三方驗證機構複驗，維持本處ISO 27001證書有效，保護核心的公文整合及電子交換系統。"
                ),
                I(text="11月辦理資安健診並強化公文系統主機，降低資料遭竊風險，提升公務資料安全。"),
                I(
                    text="9月1日及9月7日辦理本處資安政策與目標宣導暨資通安全研習，共{{ manual.documents.security_sessions }}場次、{{ manual.documents.security_trainees }}人次參訓。"
                ),
            ],
        ),
        S(
            "落實資訊開放",
            items=[
                I(
                    text=f"配合本府開放資料政策，{Y}年已開放{{{{ documents.open_data_sets }}}}項資料集供民眾下載，並逐步改為開放格式，提升資料品質與加值運用。"
                ),
                I(
                    text="每週一、四定期發行「高雄市政府電子公報」，刊載法規、行政規則、政令及公告等與民眾權益相關的資訊，全年出刊{{ documents.gazette_issues }}期。"
                ),
            ],
        ),
        S(
            "舉辦市政會議",
            lead="為議定重要市政決策，並加強機關之間及與區公所的協調聯繫，每週定期召開市政會議，全年共{{ documents.municipal_meetings }}次（含臨時會{{ documents.extraordinary_meetings }}次）。",
        ),
    ],
)

CONFIDENTIAL = S(
    "機要業務",
    sections=[
        S(
            "市長行程之安排",
            items=[
                I(
                    text="妥善安排市長出席各項會議、典禮、頒獎、座談、研討會及記者會，以及接見各界人士、國內外賓客與姊妹市代表等行程。"
                ),
                I(text="安排市長深入基層訪視、傾聽民意，瞭解地方亟待處理的問題並視察各項建設。"),
            ],
        ),
        S(
            "市民建議、陳情及市長交辦案件之處理",
            lead="以積極親切的態度處理市民建議及陳情，透過本府線上即時服務系統管制追蹤辦理情形，全年系統列管受理{{ documents.petitions }}件。",
        ),
        S("處理機要業務", lead="處理各項機要文件及工作，迅速圓滿達成任務。"),
    ],
)

INTERNATIONAL = S(
    "國際事務-訪賓接待聯繫業務",
    sections=[
        S(
            "推動姊妹市、國際友好城市之互訪及實質交流",
            items=[
                I(
                    "辦理訪賓接待業務",
                    f"COVID-19疫情趨緩、各國放寬檢疫，國際訪賓逐漸回流，{Y}年共接待{{{{ international.visitor_cases }}}}案、{{{{ international.visitor_persons }}}}人次。",
                ),
                I(
                    "姊妹市及友好夥伴城市之實質交流",
                    f"{Y}年持續以視訊會議、締盟紀念活動及寄送問候禮品與信函等方式深化交流，辦理情形如下：",
                    children=[
                        I(
                            "姊妹市及友好夥伴城市主題展",
                            "每月以一個姊妹市或友好夥伴城市為主題，於四維行政中心中庭櫥窗展示城市介紹、特色工藝品、文宣、照片及市長問候影片。共有{{ international.theme_countries }}國{{ international.theme_cities }}個城市響應，包括釜山、大邱、大田、水原、熊本縣、熊本市、八王子、波特蘭、檀香山、聖安東尼、陶沙、布里斯本及德國礦山縣；110年1月至111年4月展出後，5月起推出「城市市鑰」主題展，10月起再以「城市吉祥物」為主軸展出。",
                        ),
                        I(
                            "與日本友好城市熊本縣及熊本市締盟{{ international.tie_years.kumamoto }}周年紀念",
                            children=[
                                I(
                                    "三方締盟紀念展",
                                    "熊本縣政府於縣府大廳展出高雄客家及原住民文化紀念品與書籍並播放本市行銷影片；熊本市於蔦屋書店介紹高雄美食、文化與科技並販售台灣風味商品；本處於四維行政中心一樓中庭舉辦熊本縣主題展，展出山鹿燈籠、熊本熊紀念品及兩地交流軌跡。",
                                ),
                                I(
                                    "熊本市視訊會議",
                                    "3月17日市長與熊本市大西一史市長視訊，互賀締盟周年，期許後疫情時代加強產業、觀光及運動交流，並盼早日恢復互訪。",
                                ),
                            ],
                        ),
                        I(
                            "貝里斯姊妹市物資捐贈",
                            children=[
                                I(
                                    "致贈筆電協助遠距教學",
                                    "1月13日市府致贈筆記型電腦一批，協助貝里斯市學生在疫情期間遠距學習，由我國駐貝里斯大使代為轉贈，市長並以影片跨海致意。",
                                ),
                                I(
                                    "捐贈颶風賑災物資",
                                    "貝里斯市11月遭颶風重創，市長於12月8日致函瓦格納市長表達慰問，本市並捐贈牙刷、牙膏及毛巾等民生物資。",
                                ),
                            ],
                        ),
                        I(
                            "致贈帛琉科羅州姊妹市書籍深化教育交流",
                            "2月7日為祝賀科羅州新任州長就職，本市透過我國駐帛琉大使館轉交賀函及中英雙語書籍與繪本，鼓勵當地學子學習中文；雙方於110年9月17日締結姊妹市。",
                        ),
                        I(
                            "韓國釜山姊妹市{{ international.tie_years.busan }}周年紀念活動",
                            "因疫情延後的釜山姊妹市照片展於4月在四維行政中心中庭登場，展出海雲台、釜山塔、甘川文化村及海東龍宮寺等熱門景點，拉近兩市距離。",
                        ),
                        I(
                            "與斯洛伐克布拉提斯拉瓦省簽署夥伴協定",
                            "6月9日至10日斯洛伐克國會議員與布拉提斯拉瓦省聯合訪團來高，市長與德若巴省長簽署夥伴協定，布省成為本市第{{ international.newest_partner_ordinal }}個姊妹市及友好夥伴城市，雙方將深化經濟、衛生、科技、觀光、文化及教育合作；訪團並參訪亞洲新灣區並出席招商說明會。",
                        ),
                        I(
                            "韓國姊妹市及友好夥伴城市新任市長就任問候",
                            "韓國6月1日舉行地方選舉後，本府以市長名義致函釜山、大邱、大田及水原新任市長表達祝賀。",
                        ),
                        I(
                            "出訪日本拜會八王子友好城市",
                            "7月24日至28日副市長率本處及農業局、海洋局、觀光局出訪日本，25日拜會八王子市副市長，商討城市農業合作及高雄物產在當地販售。",
                        ),
                        I(
                            "高雄市與美國聖安東尼市姊妹市締盟{{ international.tie_years.san_antonio }}周年",
                            children=[
                                I(
                                    "締盟紀念展",
                                    "8月16日至28日於高雄市立圖書館總館舉辦紀念展，展出聖安東尼市邀請藝術家以該市世界遺產為題創作贈送本市的畫作及歷年贈禮，美國在台協會高雄分處亦到場觀展。",
                                ),
                                I(
                                    "締盟紀念視訊會議",
                                    "12月20日市長與尼倫伯格市長視訊，就城市治理、智慧城市及氣候變遷交換意見，並介紹兩市互贈的紀念禮品。",
                                ),
                            ],
                        ),
                        I(
                            "高雄市與澳洲布里斯本市姊妹市{{ international.tie_years.brisbane }}周年紀念活動",
                            children=[
                                I(
                                    "交流紀念展及點燈",
                                    "9月5日至30日舉辦布里斯本姊妹市交流紀念展，展示市政廳掛畫及原住民藝品；8日於大東文化藝術中心及市立圖書館總館點亮布里斯本代表色藍、黃兩色燈光。",
                                ),
                                I(
                                    "視訊會面",
                                    "11月30日市長與施里納市長視訊，回顧周年活動與圖書館交流，並就數位轉型、淨零轉型及綠色產業合作交換意見。",
                                ),
                            ],
                        ),
                        I(
                            "高雄市與大田市締結友好城市{{ international.tie_years.daejeon }}周年展",
                            "9月16日至10月14日於四維行政中心展出百濟金製冠飾複製品、河回面具、四物打擊樂器模型及1993世博吉祥物等文物，介紹大田市文化與兩市交流。",
                        ),
                        I(
                            "高雄市與韓國水原友好城市大學生視訊語言交流",
                            "11月2日至23日水原市舉辦視訊語言交流，兩市市民及大專生共{{ international.suwon_participants }}名參加，透過分組討論促進文化理解。",
                        ),
                        I(
                            "參與韓國大邱友好城市「2022大邱國際青年營」",
                            "12月5日至9日本市推薦{{ international.daegu_students }}位大專學生參加線上課程，體驗虛擬城市旅遊、韓國文化及韓語，並與各國青年交流。",
                        ),
                        I(
                            "2023亞太姊妹市及友好夥伴城市主題桌曆專案",
                            "本市位於亞太地區的姊妹市及友好夥伴城市共{{ international.asia_pacific_cities }}個，本處以各城市知名橋樑為主題製作「橋見2023」桌曆，熊本縣、熊本市、八王子、釜山、大邱、大田、水原、布里斯本、峴港及科羅州熱烈響應。",
                        ),
                        I(
                            "高雄熊暖心禮盒問候專案",
                            "以觀光大使高雄熊為主題製作抱枕、野餐墊等禮品，搭配市長署名賀卡，寄送姊妹市、友好夥伴城市、國際駐台機構及具交流潛力的城市，傳遞新年祝福。",
                        ),
                    ],
                ),
            ],
        ),
        S(
            "辦理國際活動及市政建設參訪，增進與駐台代表之互動",
            items=[
                I(
                    "推展與國際間友好互動",
                    children=[
                        I(
                            "協助辦理城市國際活動",
                            children=[
                                I(
                                    "2022台灣燈會國際宣傳",
                                    "邀請外國駐高單位出席燈會開燈儀式，並出席貝里斯藍洞花燈點燈；燈會以{{ manual.international.lantern_drones }}台無人機排出捐贈疫苗國家國旗及“Thank you”字樣，本處協同駐外館處及駐台單位擴大國際新聞露出。",
                                ),
                                I(
                                    "智慧城市論壇暨展覽",
                                    "3月智慧城市論壇暨展覽高雄場於高雄展覽館舉行，本處邀請姊妹市與會，布里斯本市於3月24、25日線上分享智慧儀表板及再生能源經驗。",
                                ),
                            ],
                        ),
                        I(
                            "防疫交流—捐贈帛琉醫療物資",
                            "2月22日帛琉本土疫情升溫，本市與在地企業合作捐贈醫療口罩{{ international.palau_masks }}片、N95口罩{{ international.palau_n95 }}片及快篩試劑{{ international.palau_tests }}份，由本處協助運送，帛琉駐台大使代表接受。",
                        ),
                        I(
                            "出訪考察交流",
                            children=[
                                I(
                                    "出訪日本東京考察農漁、海洋及觀光產業",
                                    "7月24日至28日副市長率團赴東京，加強與八王子的實質合作、考察疫後觀光策略、爭取日商來高設點並拓展高雄物產行銷通路。",
                                ),
                                I(
                                    "市長率團訪問東京",
                                    "12月11日至13日市長於國境解封後訪日，拜會東京都知事並參訪豐洲市場，另與日華議員懇談會就台日關係、台海和平及加入CPTPP等議題交換意見。",
                                ),
                            ],
                        ),
                        I(
                            "接待友邦及重要國際貴賓",
                            children=[
                                I(
                                    "立陶宛交通及通訊部政務次長訪高",
                                    "8月9日副市長設宴歡迎立陶宛政務次長偕電動巴士業者來訪，感謝立國支持台灣國際參與及捐贈疫苗，雙方期待港埠與經貿交流。",
                                ),
                                I(
                                    "聖文森及格瑞那丁總理訪高",
                                    "8月10日市長設宴款待龔薩福總理訪團，洽談觀光、經貿及遊艇造船合作，總理亦感謝本市捐贈快篩試劑。",
                                ),
                                I(
                                    "美國前國務卿龐培歐訪高",
                                    "9月27日龐培歐出席全球台商經貿論壇並與市長會面，就高科技供應鏈及台美經貿投資交換意見。",
                                ),
                                I(
                                    "義大利前眾議員羅德強尼訪高",
                                    "11月2日羅德強尼拜會市府，與副市長討論台義經貿及國際醫療合作。",
                                ),
                                I(
                                    "日台友好和歌山市議會議員連盟訪高",
                                    "11月28日和歌山市議會友台議員連盟會長及幹事長拜會市長，討論兩市教育、觀光、產業及文化交流。",
                                ),
                                I(
                                    "聖露西亞皮耶總理訪高",
                                    "12月1日市長設宴款待皮耶總理訪團，就智慧城市、青年經濟、氣候變遷及農業發展交換意見。",
                                ),
                            ],
                        ),
                        I(
                            "強化與駐台單位互動",
                            children=[
                                I("波蘭臺北辦事處處長拜會", "1月7日高則叡處長拜會市長，就文化、教育及產業投資交流。"),
                                I(
                                    "出席印度國慶日慶祝活動",
                                    "1月23日本處處長代表市府出席印度台北協會首度移師高雄舉辦的國慶活動。",
                                ),
                                I(
                                    "德國在台協會處長拜會",
                                    "3月14日許佑格處長拜會市長，交流市政發展、智慧城市及住宅政策。",
                                ),
                                I(
                                    "加拿大駐台北貿易辦事處代表拜會",
                                    "3月16日芮喬丹代表拜會副市長，討論雙聯學制、藝文、城市交流及經貿合作。",
                                ),
                                I(
                                    "日本台灣交流協會高雄事務所所長拜會",
                                    "3月25日小野一彥所長拜會市長，暢談教育、農業及產業合作。",
                                ),
                                I(
                                    "駐台北韓國代表部代表拜會",
                                    "3月29日鄭炳元代表拜會市長，討論後疫情觀光與教育交流及在高韓人生活。",
                                ),
                                I(
                                    "美國在台協會高雄分處處長拜會",
                                    "9月6日黃東偉處長拜會市長，就城市轉型、半導體、雙語政策及資安交換意見。",
                                ),
                                I(
                                    "非洲四國使節拜會",
                                    "9月7日及8日史瓦帝尼、索馬利蘭、南非及奈及利亞駐台使節訪高，參與非洲經貿研討會並與副市長交流經貿、教育、農業及港口合作。",
                                ),
                                I(
                                    "美國在台協會處長拜會",
                                    "9月23日孫曉雅處長拜會市長，討論半導體、綠能與風電合作及民主與資訊安全。",
                                ),
                                I(
                                    "參與美國在台協會高雄分處藝文展覽",
                                    "9月24日副市長出席「美麗時光：高雄往『美』日常」特展，回顧1950年代以來的台美交流。",
                                ),
                                I(
                                    "奧地利商務代表辦事處商務代表拜會",
                                    "10月19日歐賀曼商務代表拜會市府，交流經貿投資、交通建設及智慧城市。",
                                ),
                                I(
                                    "紐西蘭商工辦事處代表拜會",
                                    "11月9日馬嘉博代表拜會副市長，交流產業發展、原住民族及藝術文化。",
                                ),
                                I(
                                    "多國使節代表團訪高",
                                    "12月8日聖文森及格瑞那丁、帛琉、吐瓦魯、貝里斯、海地、諾魯、聖克里斯多福及尼維斯、史瓦帝尼及巴布亞紐幾內亞等{{ international.nine_nation_delegation }}國使節訪高拜會市長，就教育、農業及海洋產業交換意見。",
                                ),
                            ],
                        ),
                        I(
                            "深化與友我城市連結",
                            children=[
                                I(
                                    "與愛丁堡市視訊交流",
                                    "10月20日市長與愛丁堡市議會議長視訊，就智慧城市、淨零排放、綠能、文化及人權交換意見。",
                                ),
                                I(
                                    "協辦日本佐渡市物產展",
                                    "12月17日至18日佐渡市長率團來高舉辦物產展，副市長代表市府歡迎，促進兩市物產及觀光交流。",
                                ),
                            ],
                        ),
                        I(
                            "關懷在高港人，攜手中央完善香港協助措施",
                            children=[
                                I(
                                    "2022在高港人生活座談會",
                                    "7月28日本處與大陸委員會及台灣民間支援香港協會合辦座談，邀集相關機關為在高港人解答生活、居留及定居申請等問題，並將建議反映中央。",
                                ),
                                I(
                                    "大陸委員會訪高共商香港議題",
                                    "8月19日陸委會港澳蒙藏處處長率團來高，與市府討論增加關懷活動及社福、就業就學與心理諮商協助。",
                                ),
                            ],
                        ),
                    ],
                ),
            ],
        ),
    ],
)

OUTLINE = [GENERAL, DOCUMENTS, CONFIDENTIAL, INTERNATIONAL]
