"""Demo records of ROC 111 (2022) from the seed's 肆 國際事務, and a smaller 110 (2021).

Every event of the seed is a record here: the 36 ties (Bratislava region the 36th, 2022-06-09),
the theme exhibitions (5 countries / 13 cities), donations with their quantities, greetings,
youth programmes, outbound visits, 33 reception cases with 220 persons, the missions and their
heads. Where the seed gives no signing date the date is a demo choice consistent with it (no
other tie reaches a 5-year multiple in 2022); see README.md. Idempotent: a second run does
nothing.
"""

from __future__ import annotations

import datetime
import sys

from django.db import transaction

from international import services
from international.choices import (
    ActivityKind,
    AgreementKind,
    CityLevel,
    ContactKind,
    DonationItemKind,
    GiftDirection,
    GiftDisposition,
    HostLevel,
    MissionKind,
    Region,
)
from international.figures import THEME_EXHIBITION
from international.models import (
    City,
    Country,
    Dignitary,
    ForeignMission,
    Partnership,
    Programme,
)

D = datetime.date
AP, AM, EU, AF, OC = Region.ASIA_PACIFIC, Region.AMERICAS, Region.EUROPE, Region.AFRICA, Region.OCEANIA

COUNTRIES = [
    ("KR", "韓國", "Republic of Korea", AP), ("JP", "日本", "Japan", AP), ("VN", "越南", "Viet Nam", AP),
    ("ID", "印尼", "Indonesia", AP), ("PH", "菲律賓", "Philippines", AP), ("AU", "澳洲", "Australia", OC),
    ("PW", "帛琉", "Palau", OC), ("TV", "吐瓦魯", "Tuvalu", OC), ("NR", "諾魯", "Nauru", OC),
    ("PG", "巴布亞紐幾內亞", "Papua New Guinea", OC), ("NZ", "紐西蘭", "New Zealand", OC),
    ("US", "美國", "United States", AM), ("PA", "巴拿馬", "Panama", AM), ("CR", "哥斯大黎加", "Costa Rica", AM),
    ("CO", "哥倫比亞", "Colombia", AM), ("GT", "瓜地馬拉", "Guatemala", AM), ("DO", "多明尼加", "Dominican Republic", AM),
    ("BZ", "貝里斯", "Belize", AM), ("HN", "宏都拉斯", "Honduras", AM), ("LC", "聖露西亞", "Saint Lucia", AM),
    ("KN", "聖克里斯多福及尼維斯", "Saint Kitts and Nevis", AM), ("PY", "巴拉圭", "Paraguay", AM),
    ("VC", "聖文森及格瑞那丁", "Saint Vincent and the Grenadines", AM), ("HT", "海地", "Haiti", AM),
    ("CA", "加拿大", "Canada", AM), ("DE", "德國", "Germany", EU), ("SK", "斯洛伐克", "Slovakia", EU),
    ("PL", "波蘭", "Poland", EU), ("LT", "立陶宛", "Lithuania", EU), ("AT", "奧地利", "Austria", EU),
    ("IT", "義大利", "Italy", EU), ("GB", "英國", "United Kingdom", EU), ("IN", "印度", "India", AP),
    ("SZ", "史瓦帝尼", "Eswatini", AF), ("SO", "索馬利蘭", "Somaliland", AF), ("ZA", "南非", "South Africa", AF),
    ("NG", "奈及利亞", "Nigeria", AF),
]  # fmt: skip

CITY, PREF, STATE, PROV, COUNTY = (
    CityLevel.CITY, CityLevel.PREFECTURE, CityLevel.STATE, CityLevel.PROVINCE, CityLevel.COUNTY,
)  # fmt: skip

# code, 中文, local/English, country, level, head
CITIES = [
    ("busan", "釜山市", "Busan Metropolitan City", "KR", CITY, ""),
    ("honolulu", "檀香山市", "City and County of Honolulu", "US", CITY, ""),
    ("san-antonio", "聖安東尼市", "San Antonio, Texas", "US", CITY, "Ron Nirenberg"),
    ("tulsa", "陶沙市", "Tulsa, Oklahoma", "US", CITY, ""),
    ("panama-city", "巴拿馬市", "Ciudad de Panamá", "PA", CITY, ""),
    ("portland", "波特蘭市", "Portland, Oregon", "US", CITY, ""),
    ("miami", "邁阿密市", "Miami, Florida", "US", CITY, ""),
    ("seattle", "西雅圖市", "Seattle, Washington", "US", CITY, ""),
    ("little-rock", "小岩城", "Little Rock, Arkansas", "US", CITY, ""),
    ("fort-lauderdale", "羅德岱堡市", "Fort Lauderdale, Florida", "US", CITY, ""),
    ("cartago", "卡塔哥市", "Cartago", "CR", CITY, ""),
    ("barranquilla", "巴蘭基亞市", "Barranquilla", "CO", CITY, ""),
    ("brisbane", "布里斯本市", "Brisbane City", "AU", CITY, "Adrian Schrinner"),
    ("surabaya", "泗水市", "Surabaya", "ID", CITY, ""),
    ("guatemala-city", "瓜地馬拉市", "Ciudad de Guatemala", "GT", CITY, ""),
    ("manzini", "曼齊尼市", "Manzini", "SZ", CITY, ""),
    ("santo-domingo", "聖多明哥市", "Santo Domingo", "DO", CITY, ""),
    ("baguio", "碧瑤市", "Baguio City", "PH", CITY, ""),
    ("belize-city", "貝里斯市", "Belize City", "BZ", CITY, "Bernard Wagner"),
    ("anchorage", "安克拉治市", "Anchorage, Alaska", "US", CITY, ""),
    ("oklahoma-city", "奧克拉荷馬市", "Oklahoma City", "US", CITY, ""),
    ("san-pedro-sula", "汕埠市", "San Pedro Sula", "HN", CITY, ""),
    ("hachioji", "八王子市", "Hachioji", "JP", CITY, ""),
    ("mesa", "梅薩市", "Mesa, Arizona", "US", CITY, ""),
    ("daegu", "大邱市", "Daegu Metropolitan City", "KR", CITY, ""),
    ("castries", "卡斯翠市", "Castries", "LC", CITY, ""),
    ("basseterre", "巴斯特爾市", "Basseterre", "KN", CITY, ""),
    ("da-nang", "峴港市", "Đà Nẵng", "VN", CITY, ""),
    ("suwon", "水原市", "Suwon", "KR", CITY, ""),
    ("kumamoto-prefecture", "熊本縣", "Kumamoto Prefecture", "JP", PREF, "蒲島郁夫"),
    ("kumamoto-city", "熊本市", "Kumamoto City", "JP", CITY, "大西一史"),
    ("daejeon", "大田市", "Daejeon Metropolitan City", "KR", CITY, ""),
    ("erzgebirgskreis", "礦山縣", "Erzgebirgskreis", "DE", COUNTY, ""),
    ("asuncion", "亞松森市", "Asunción", "PY", CITY, ""),
    ("koror", "科羅州", "Koror State", "PW", STATE, "Eyos Rudimch"),
    ("bratislava-region", "布拉提斯拉瓦省", "Bratislavský samosprávny kraj", "SK", PROV, "Juraj Droba"),
    # cities without a tie, with exchanges in 111
    ("tokyo", "東京都", "Tokyo Metropolis", "JP", PREF, "小池百合子"),
    ("edinburgh", "愛丁堡市", "City of Edinburgh", "GB", CITY, "Cammy Day"),
    ("sado", "佐渡市", "Sado City", "JP", CITY, "渡邊竜五"),
    ("wakayama", "和歌山市", "Wakayama City", "JP", CITY, ""),
]

S, F, P = AgreementKind.SISTER, AgreementKind.FRIENDSHIP, AgreementKind.PARTNERSHIP
# (cities, kind, signed_on, Kaohsiung's signatory, partner's signatory), in signing order.
TIES = [
    (["busan"], S, D(1967, 6, 30), "", ""),
    (["honolulu"], S, D(1978, 3, 15), "", ""),
    (["san-antonio"], S, D(1982, 5, 13), "", ""),
    (["tulsa"], S, D(1983, 9, 2), "", ""),
    (["panama-city"], S, D(1984, 4, 19), "", ""),
    (["portland"], S, D(1988, 5, 31), "", ""),
    (["miami"], S, D(1989, 6, 13), "", ""),
    (["seattle"], S, D(1991, 9, 18), "", ""),
    (["little-rock"], S, D(1993, 4, 21), "", ""),
    (["fort-lauderdale"], S, D(1994, 11, 2), "", ""),
    (["cartago"], S, D(1995, 8, 24), "", ""),
    (["barranquilla"], S, D(1996, 3, 28), "", ""),
    (["brisbane"], S, D(1997, 9, 9), "", ""),
    (["surabaya"], S, D(1998, 5, 20), "", ""),
    (["guatemala-city"], S, D(1999, 7, 15), "", ""),
    (["manzini"], S, D(2000, 10, 5), "", ""),
    (["santo-domingo"], S, D(2001, 6, 11), "", ""),
    (["baguio"], S, D(2003, 2, 18), "", ""),
    (["belize-city"], S, D(2003, 11, 12), "", ""),
    (["anchorage"], S, D(2004, 8, 25), "", ""),
    (["oklahoma-city"], S, D(2005, 4, 14), "", ""),
    (["san-pedro-sula"], S, D(2005, 10, 20), "", ""),
    (["hachioji"], F, D(2006, 11, 1), "葉菊蘭代理市長", "黑須隆一市長"),
    (["mesa"], S, D(2008, 6, 10), "", ""),
    (["daegu"], F, D(2009, 5, 27), "", ""),
    (["castries"], S, D(2010, 8, 18), "", ""),
    (["basseterre"], S, D(2013, 10, 9), "", ""),
    (["da-nang"], F, D(2014, 12, 4), "", ""),
    (["suwon"], F, D(2016, 5, 13), "", ""),
    (["kumamoto-prefecture", "kumamoto-city"], F, D(2017, 1, 11), "陳菊市長", "蒲島郁夫知事、大西一史市長"),
    (["daejeon"], F, D(2017, 10, 12), "", ""),
    (["erzgebirgskreis"], F, D(2019, 3, 28), "", ""),
    (["asuncion"], S, D(2019, 8, 20), "", ""),
    (["koror"], S, D(2021, 9, 17), "陳其邁市長", ""),
    (["bratislava-region"], P, D(2022, 6, 9), "陳其邁市長", "德若巴（Juraj Droba）省長"),
]

# name, English, country, kind, location; current head (name, local name, title, since)
MISSIONS = [
    ("pl", "波蘭臺北辦事處", "Polish Office in Taipei", "PL", MissionKind.REPRESENTATIVE, "臺北", ("高則叡", "Cyryl Kozaczewski", "處長")),
    ("de", "德國在台協會", "German Institute Taipei", "DE", MissionKind.REPRESENTATIVE, "臺北", ("許佑格", "Jörg Polster", "處長")),
    ("ca", "加拿大駐台北貿易辦事處", "Canadian Trade Office in Taipei", "CA", MissionKind.TRADE, "臺北", ("芮喬丹", "Jordan Reeves", "代表")),
    ("jp-k", "日本台灣交流協會高雄事務所", "Japan-Taiwan Exchange Association, Kaohsiung Office", "JP", MissionKind.REPRESENTATIVE, "高雄", ("小野一彥", "", "所長")),
    ("kr", "駐台北韓國代表部", "Korean Mission in Taipei", "KR", MissionKind.REPRESENTATIVE, "臺北", ("鄭炳元", "", "代表")),
    ("us", "美國在台協會", "American Institute in Taiwan", "US", MissionKind.REPRESENTATIVE, "臺北", ("孫曉雅", "Sandra Oudkirk", "處長")),
    ("us-k", "美國在台協會高雄分處", "American Institute in Taiwan, Kaohsiung Branch Office", "US", MissionKind.REPRESENTATIVE, "高雄", ("黃東偉", "Thomas Wong", "處長")),
    ("at", "奧地利商務代表辦事處", "Austrian Office Taipei", "AT", MissionKind.TRADE, "臺北", ("歐賀曼", "Hermann Ortner", "商務代表")),
    ("nz", "紐西蘭商工辦事處", "New Zealand Commerce and Industry Office", "NZ", MissionKind.TRADE, "臺北", ("馬嘉博", "Mark Pearson", "代表")),
    ("in", "印度台北協會", "India Taipei Association", "IN", MissionKind.REPRESENTATIVE, "臺北", None),
    ("pw", "帛琉共和國大使館", "Embassy of the Republic of Palau", "PW", MissionKind.EMBASSY, "臺北", ("歐克麗", "Dilmei L. Olkeriil", "大使")),
    ("sz", "史瓦帝尼王國大使館", "Embassy of the Kingdom of Eswatini", "SZ", MissionKind.EMBASSY, "臺北", ("恩西比", "Promise Sithembiso Msibi", "大使")),
    ("so", "索馬利蘭共和國駐台灣代表處", "Republic of Somaliland Representative Office in Taiwan", "SO", MissionKind.REPRESENTATIVE, "臺北", ("穆姆德", "Mohamed Omar Hagi Mohamoud", "代表")),
    ("za", "南非聯絡辦事處", "Liaison Office of South Africa", "ZA", MissionKind.REPRESENTATIVE, "臺北", ("安德生", "Graham Anderson", "代表")),
    ("ng", "奈及利亞駐華商務辦事處", "Nigeria Trade Office in Taiwan", "NG", MissionKind.TRADE, "臺北", ("阿邁德", "Ibrahim A. Ahmed", "處長")),
    ("vc", "聖文森及格瑞那丁大使館", "Embassy of Saint Vincent and the Grenadines", "VC", MissionKind.EMBASSY, "臺北", None),
]  # fmt: skip

MAYOR, DEPUTY, SEC, BUREAU = HostLevel.MAYOR, HostLevel.DEPUTY_MAYOR, HostLevel.SECRETARY_GENERAL, HostLevel.BUREAU

# (arrived, left, delegation, countries, persons, host level, hosts, mission, city, purpose)
VISITS_2022 = [
    (D(2022, 1, 7), None, "波蘭臺北辦事處高則叡處長拜會", ["PL"], 2, MAYOR, "陳其邁市長", "pl", None, "文化、教育及產業投資交流"),
    (D(2022, 3, 14), None, "德國在台協會許佑格處長拜會", ["DE"], 3, MAYOR, "陳其邁市長", "de", None, "市政發展、智慧城市及住宅政策"),
    (D(2022, 3, 16), None, "加拿大駐台北貿易辦事處芮喬丹代表拜會", ["CA"], 3, DEPUTY, "羅達生副市長", "ca", None, "雙聯學制、藝文、城市交流及經貿"),
    (D(2022, 3, 25), None, "日本台灣交流協會高雄事務所小野一彥所長拜會", ["JP"], 2, MAYOR, "陳其邁市長", "jp-k", None, "教育、農業、產業合作"),
    (D(2022, 3, 29), None, "駐台北韓國代表部鄭炳元代表拜會", ["KR"], 3, MAYOR, "陳其邁市長", "kr", None, "後疫情觀光及教育交流、在高韓人生活"),
    (D(2022, 6, 9), D(2022, 6, 10), "斯洛伐克國會議員及布拉提斯拉瓦省中央地方聯合訪團", ["SK"], 18, MAYOR, "陳其邁市長", None, "bratislava-region", "簽署「高雄市及布拉提斯拉瓦省夥伴協定」、招商說明會"),
    (D(2022, 8, 9), None, "立陶宛交通及通訊部政務次長愛格涅女士訪團", ["LT"], 8, DEPUTY, "羅達生副市長", None, None, "電動巴士、港區及海運交流"),
    (D(2022, 8, 10), None, "聖文森及格瑞那丁龔薩福總理訪團", ["VC"], 15, MAYOR, "陳其邁市長", "vc", None, "觀光、經貿及遊艇造船合作"),
    (D(2022, 9, 6), None, "美國在台協會高雄分處黃東偉處長拜會", ["US"], 3, MAYOR, "陳其邁市長", "us-k", None, "城市轉型、半導體、雙語及資安"),
    (D(2022, 9, 7), D(2022, 9, 8), "非洲四國使節訪團", ["SZ", "SO", "ZA", "NG"], 12, DEPUTY, "羅達生副市長", None, None, "非洲經貿研討會、參訪塑膠相關企業"),
    (D(2022, 9, 23), None, "美國在台協會孫曉雅處長拜會", ["US"], 5, MAYOR, "陳其邁市長", "us", None, "半導體、綠能、風電合作與城市轉型"),
    (D(2022, 9, 27), None, "美國前國務卿龐培歐訪高", ["US"], 6, MAYOR, "陳其邁市長", None, None, "全球台商經貿論壇"),
    (D(2022, 10, 19), None, "奧地利商務代表辦事處歐賀曼商務代表拜會", ["AT"], 2, DEPUTY, "林欽榮副市長", "at", None, "經貿投資、交通建設及智慧城市"),
    (D(2022, 11, 2), None, "義大利前眾議員羅德強尼拜會", ["IT"], 2, DEPUTY, "林欽榮副市長", None, None, "台義經貿及國際醫療合作"),
    (D(2022, 11, 9), None, "紐西蘭商工辦事處馬嘉博代表拜會", ["NZ"], 3, DEPUTY, "羅達生副市長", "nz", None, "產業發展、原住民族、藝術文化"),
    (D(2022, 11, 28), None, "日台友好和歌山市議會議員連盟訪高", ["JP"], 2, MAYOR, "陳其邁市長", None, "wakayama", "教育、觀光、產業及文化交流"),
    (D(2022, 12, 1), None, "聖露西亞皮耶總理訪團", ["LC"], 14, MAYOR, "陳其邁市長", None, None, "智慧城市、青年經濟、氣候變遷、農業"),
    (D(2022, 12, 8), None, "9國使節代表團訪高", ["VC", "PW", "TV", "BZ", "HT", "NR", "KN", "SZ", "PG"], 16, MAYOR, "陳其邁市長", None, None, "教育、農業、海洋產業"),
    (D(2022, 12, 17), D(2022, 12, 18), "佐渡市渡邊竜五市長訪團暨物產展", ["JP"], 20, DEPUTY, "羅達生副市長", None, "sado", "物產展及觀光交流"),
]  # fmt: skip

# Receptions the seed counts but does not name: organisation-level visits received by the office.
OTHER_VISITS_2022 = [
    (D(2022, 4, 21), "美國智庫學者訪團", ["US"], 5),
    (D(2022, 5, 12), "日本九州地方議員訪團", ["JP"], 6),
    (D(2022, 6, 23), "捷克參議員助理團", ["SK"], 4),
    (D(2022, 7, 14), "韓國地方政府國際交流官員", ["KR"], 5),
    (D(2022, 8, 4), "澳洲昆士蘭州貿易投資處", ["AU"], 4),
    (D(2022, 8, 25), "菲律賓地方首長訪團", ["PH"], 8),
    (D(2022, 9, 15), "日本熊本縣議會議員訪團", ["JP"], 7),
    (D(2022, 9, 29), "英國在台辦事處官員", ["GB"], 3),
    (D(2022, 10, 6), "印尼商會訪團", ["ID"], 9),
    (D(2022, 10, 27), "越南峴港市政府官員", ["VN"], 6),
    (D(2022, 11, 17), "美國州政府駐台辦事處聯合參訪", ["US"], 7),
    (D(2022, 11, 24), "歐洲經貿辦事處官員", ["DE", "AT"], 5),
    (D(2022, 12, 14), "帛琉教育部官員", ["PW"], 6),
    (D(2022, 12, 22), "日本自治體國際化協會官員", ["JP"], 6),
]

VISITS_2021 = [
    (D(2021, 1, 20), "美國在台協會高雄分處處長拜會", ["US"], 3),
    (D(2021, 3, 10), "日本台灣交流協會高雄事務所所長拜會", ["JP"], 2),
    (D(2021, 4, 14), "駐台北韓國代表部官員拜會", ["KR"], 4),
    (D(2021, 5, 5), "帛琉駐台大使拜會", ["PW"], 3),
    (D(2021, 9, 17), "科羅州締盟視訊簽署暨帛琉大使館官員", ["PW"], 6),
    (D(2021, 10, 13), "歐洲經貿辦事處官員", ["DE"], 4),
    (D(2021, 10, 28), "立陶宛國會議員訪團", ["LT"], 9),
    (D(2021, 11, 11), "澳洲辦事處官員拜會", ["AU"], 4),
    (D(2021, 11, 25), "斯洛伐克經貿訪團", ["SK"], 12),
    (D(2021, 12, 9), "美國州議員訪團", ["US"], 6),
    (D(2021, 12, 21), "日本九州地方議員訪團", ["JP"], 4),
]

# The monthly theme exhibition in the atrium display case, 110/1 – 111/4 (code, start, end).
THEME = [
    ("busan", D(2021, 1, 4), D(2021, 1, 29)), ("daegu", D(2021, 2, 1), D(2021, 2, 26)),
    ("suwon", D(2021, 3, 1), D(2021, 3, 31)), ("hachioji", D(2021, 4, 1), D(2021, 5, 31)),
    ("portland", D(2021, 6, 1), D(2021, 6, 30)), ("honolulu", D(2021, 7, 1), D(2021, 8, 31)),
    ("tulsa", D(2021, 9, 1), D(2021, 9, 30)), ("brisbane", D(2021, 10, 1), D(2021, 11, 30)),
    ("san-antonio", D(2021, 12, 1), D(2021, 12, 30)), ("erzgebirgskreis", D(2022, 1, 3), D(2022, 1, 28)),
    ("kumamoto-prefecture", D(2022, 2, 7), D(2022, 2, 25)), ("kumamoto-city", D(2022, 3, 1), D(2022, 3, 18)),
    ("daejeon", D(2022, 3, 21), D(2022, 3, 31)),
]  # fmt: skip


def load(stdout=None) -> None:
    stdout = stdout or sys.stdout
    if City.objects.filter(code="bratislava-region").exists():
        stdout.write("international: demo data already loaded\n")
        return
    with transaction.atomic():
        _load()
    stdout.write(
        f"international: {Partnership.objects.count()} ties, {City.objects.count()} cities, demo of 110 and 111\n"
    )


def _load() -> None:
    Country.objects.bulk_create([Country(code=c, name_zh=zh, name_en=en, region=r) for c, zh, en, r in COUNTRIES])
    country = {c.code: c for c in Country.objects.all()}
    City.objects.bulk_create(
        [
            City(code=code, name_zh=zh, name_local=local, country=country[cc], level=level, head=head)
            for code, zh, local, cc, level, head in CITIES
        ]
    )
    city = {c.code: c for c in City.objects.all()}
    for codes, kind, signed_on, ours, theirs in TIES:
        names = "、".join(city[c].name_zh for c in codes)
        supersedes = None
        if codes[0] == "kumamoto-prefecture":
            supersedes = services.agreement_sign(
                user=None,
                title="高雄市、熊本縣、熊本市國際交流促進備忘錄",
                kind=AgreementKind.MOU,
                cities=[city[c] for c in codes],
                signed_on=D(2013, 9, 9),
                term_years=3,
                kaohsiung_signatory="陳菊市長",
                partner_signatory="蒲島郁夫知事、幸山政史市長",
            )
        title = {
            P: f"高雄市及{names}夥伴協定",
            F: f"高雄市與{names}友好交流協定",
            S: f"高雄市與{names}締結姊妹市協定",
        }[kind]
        services.agreement_sign(
            user=None,
            title=title,
            kind=kind,
            cities=[city[c] for c in codes],
            signed_on=signed_on,
            supersedes=supersedes,
            kaohsiung_signatory=ours,
            partner_signatory=theirs,
            signed_at="高雄市" if signed_on.year >= 2022 else "",
        )
    missions = _missions(country)
    _visits(country, city, missions)
    _activities(country, city, missions)
    _gifts(city, missions)


def _missions(country) -> dict:
    missions = {}
    for key, zh, en, cc, kind, location, head in MISSIONS:
        mission = ForeignMission.objects.create(
            name_zh=zh, name_en=en, country=country[cc], kind=kind, location=location
        )
        missions[key] = mission
        if head:
            name, local, title = head
            person = Dignitary.objects.create(name_zh=name, name_local=local, country=country[cc])
            services.appointment_record(user=None, dignitary=person, mission=mission, title=title, started_on=None)
    # A change of office kept as history: AIT's director before Sandra Oudkirk.
    ait = missions["us"]
    christensen = Dignitary.objects.create(name_zh="酈英傑", name_local="W. Brent Christensen", country=country["US"])
    ait.appointments.filter(is_head=True).update(started_on=D(2021, 7, 1))
    ait.appointments.model.objects.create(
        dignitary=christensen, mission=ait, title="處長", started_on=D(2018, 8, 1), ended_on=D(2021, 6, 30)
    )
    for key, day, kind, summary in [
        ("in", D(2022, 1, 23), ContactKind.EVENT, "處長代表市府出席印度國慶日慶祝活動（印度獨立75周年）"),
        ("us-k", D(2022, 9, 24), ContactKind.EVENT, "史哲副市長出席「美麗時光：高雄往『美』日常」特展"),
        ("pw", D(2022, 2, 22), ContactKind.OTHER, "帛琉駐台大使代表接受本市捐贈防疫物資"),
        ("us-k", D(2022, 2, 15), ContactKind.INVITATION, "邀請出席2022台灣燈會開燈儀式"),
        ("jp-k", D(2022, 2, 15), ContactKind.INVITATION, "邀請出席2022台灣燈會開燈儀式"),
        (
            "us-k",
            D(2022, 8, 16),
            ContactKind.INVITATION,
            "邀請參觀聖安東尼姊妹市締盟40周年紀念展（文化新聞組蔡南亭組長到場）",
        ),
    ]:
        services.mission_contact_record(user=None, mission=missions[key], kind=kind, date=day, summary=summary)
    return missions


def _visits(country, city, missions) -> None:
    generic = [
        (arrived, None, delegation, codes, persons, BUREAU, "行政暨國際處", None, None, "")
        for arrived, delegation, codes, persons in [*OTHER_VISITS_2022, *VISITS_2021]
    ]
    # Recorded in the order they came, so the case numbers run with the dates.
    for row in sorted([*VISITS_2022, *generic], key=lambda row: row[0]):
        arrived, left, delegation, codes, persons, level, hosts, mission, city_code, purpose = row
        private_contact = {}
        if level == BUREAU:  # organisation-level visits: the organiser's contact person (masked)
            private_contact = {
                "contact_name": "王美玲",
                "contact_phone": "0912345678",
                "contact_email": "contact@example.test",
            }
        services.visit_record(
            user=None,
            arrived_on=arrived,
            left_on=left or arrived,
            delegation=delegation,
            countries=[country[c] for c in codes],
            persons=persons,
            host_level=level,
            hosts=hosts,
            mission=missions.get(mission) if mission else None,
            city=city[city_code] if city_code else None,
            purpose=purpose,
            venues="四維行政中心",
            **private_contact,
        )


def _activities(country, city, missions) -> None:
    def add(kind, title, starts_on, ends_on=None, cities=(), **fields):
        return services.activity_record(
            user=None,
            kind=kind,
            title=title,
            starts_on=starts_on,
            ends_on=ends_on,
            cities=[city[c] for c in cities],
            **fields,
        )

    theme = Programme.objects.create(
        code=THEME_EXHIBITION,
        name="姊妹市及友好夥伴城市主題展",
        starts_on=D(2021, 1, 4),
        ends_on=D(2022, 4, 30),
        description="每月一個城市，於四維行政中心中庭櫥窗展出城市介紹、工藝品、文宣、照片及市長問候影片。",
    )
    keys = Programme.objects.create(
        code="city-keys", name="主題展「城市市鑰」", starts_on=D(2022, 5, 2), ends_on=D(2022, 9, 30)
    )
    mascots = Programme.objects.create(code="city-mascots", name="主題展「城市吉祥物」", starts_on=D(2022, 10, 3))
    calendar = Programme.objects.create(
        code="desk-calendar-2023", name="「橋見2023」亞太城市桌曆", starts_on=D(2022, 9, 1)
    )
    for code, start, end in THEME:
        add(ActivityKind.EXHIBITION, f"姊妹市及友好夥伴城市主題展─{city[code].name_zh}", start, end, [code],
            programme=theme, venue="四維行政中心1樓中庭櫥窗")  # fmt: skip
    add(ActivityKind.EXHIBITION, "釜山姊妹市55周年照片展", D(2022, 4, 1), D(2022, 4, 29), ["busan"], programme=theme,
        venue="四維行政中心中庭", description="受疫情延期之釜山姊妹市55周年紀念系列活動。")  # fmt: skip
    add(ActivityKind.EXHIBITION, "主題展「城市市鑰」", D(2022, 5, 2), D(2022, 9, 30), ["busan", "belize-city"],
        programme=keys, venue="四維行政中心中庭櫥窗")  # fmt: skip
    add(ActivityKind.EXHIBITION, "主題展「城市吉祥物」", D(2022, 10, 3), None,
        ["kumamoto-prefecture", "kumamoto-city", "busan", "daejeon"], programme=mascots, venue="四維行政中心中庭櫥窗")  # fmt: skip
    add(ActivityKind.CEREMONY, "高雄、熊本縣、熊本市締盟5周年三方締盟紀念展", D(2022, 1, 11), D(2022, 2, 28),
        ["kumamoto-prefecture", "kumamoto-city"], venue="熊本縣府大廳、熊本市蔦屋書店、四維行政中心中庭")  # fmt: skip
    add(
        ActivityKind.VIDEO_MEETING,
        "陳其邁市長與熊本市大西一史市長視訊會議（締盟5周年）",
        D(2022, 3, 17),
        cities=["kumamoto-city"],
    )
    add(ActivityKind.DONATION, "致贈貝里斯市筆電協助防疫遠距教學", D(2022, 1, 13), cities=["belize-city"],
        description="由我駐貝里斯錢冠州大使代為轉贈，市長影片致意。",
        donation_items=[{"kind": DonationItemKind.LAPTOP, "quantity": 1, "unit": "批", "description": "筆記型電腦一批"}])  # fmt: skip
    add(ActivityKind.LETTER, "函貝里斯市瓦格納市長慰問颶風災情", D(2022, 12, 8), cities=["belize-city"])
    add(ActivityKind.DONATION, "捐贈貝里斯市颶風賑災物資", D(2022, 12, 8), cities=["belize-city"],
        donation_items=[{"kind": DonationItemKind.RELIEF, "quantity": 1, "unit": "批", "description": "牙刷、牙膏及毛巾"}])  # fmt: skip
    add(ActivityKind.DONATION, "致贈科羅州賀函及中英雙語書籍", D(2022, 2, 7), cities=["koror"],
        description="祝賀科羅州新任州長 Eyos Rudimch 當選，由我駐帛琉大使館轉交。",
        donation_items=[{"kind": DonationItemKind.BOOKS, "quantity": 1, "unit": "批", "description": "中英雙語書籍及繪本"}])  # fmt: skip
    add(ActivityKind.DONATION, "防疫交流─捐贈帛琉醫療物資", D(2022, 2, 22), country=country["PW"], mission=missions["pw"],
        description="與在地企業合作，由行政暨國際處協助運送至帛琉。",
        donation_items=[
            {"kind": DonationItemKind.SURGICAL_MASK, "quantity": 10800, "unit": "片", "donor": "南六企業"},
            {"kind": DonationItemKind.N95, "quantity": 1440, "unit": "片", "donor": "南六企業"},
            {"kind": DonationItemKind.RAPID_TEST, "quantity": 2000, "unit": "份", "donor": "保吉生化學股份有限公司"},
        ])  # fmt: skip
    add(ActivityKind.CEREMONY, "簽署「高雄市及布拉提斯拉瓦省夥伴協定」", D(2022, 6, 9), D(2022, 6, 10), ["bratislava-region"],
        description="布省成為高雄第36個姊妹市及友好夥伴城市；締盟後舉辦招商說明會。")  # fmt: skip
    add(ActivityKind.LETTER, "韓國姊妹市及友好夥伴城市新屆市長就任賀函", D(2022, 7, 1), None,
        ["busan", "daegu", "daejeon", "suwon"])  # fmt: skip
    add(ActivityKind.OUTBOUND, "羅達生副市長率團出訪日本、拜會八王子市", D(2022, 7, 24), D(2022, 7, 28), ["hachioji", "tokyo"],
        delegation="羅達生副市長\n行政暨國際處\n農業局\n海洋局\n觀光局",
        description="7月25日拜會八王子市駒澤廣行副市長，討論城市農業合作及高雄物產販售。")  # fmt: skip
    add(ActivityKind.EXHIBITION, "高雄市與聖安東尼市姊妹市締盟40周年紀念展", D(2022, 8, 16), D(2022, 8, 28), ["san-antonio"],
        venue="高雄市立圖書館總館")  # fmt: skip
    add(
        ActivityKind.VIDEO_MEETING,
        "陳其邁市長與聖安東尼市朗．尼倫伯格市長視訊會議（締盟40周年）",
        D(2022, 12, 20),
        cities=["san-antonio"],
    )
    add(ActivityKind.FORUM, "布里斯本線上參加2022智慧城市論壇", D(2022, 3, 24), D(2022, 3, 25), ["brisbane"])
    add(
        ActivityKind.EXHIBITION,
        "布里斯本姊妹市25周年交流紀念展",
        D(2022, 9, 5),
        D(2022, 9, 30),
        ["brisbane"],
        venue="四維行政中心",
    )
    add(ActivityKind.CEREMONY, "點亮布里斯本代表色慶祝締盟25周年", D(2022, 9, 8), cities=["brisbane"],
        venue="大東文化藝術中心、高雄市立圖書館總館")  # fmt: skip
    add(ActivityKind.VIDEO_MEETING, "陳其邁市長與布里斯本市施里納市長視訊會議", D(2022, 11, 30), cities=["brisbane"])
    add(
        ActivityKind.EXHIBITION,
        "高雄市與大田市締結友好城市5周年展",
        D(2022, 9, 16),
        D(2022, 10, 14),
        ["daejeon"],
        venue="四維行政中心",
    )
    add(
        ActivityKind.YOUTH,
        "水原友好城市大學生視訊語言交流",
        D(2022, 11, 2),
        D(2022, 11, 23),
        ["suwon"],
        participants=10,
    )
    add(
        ActivityKind.YOUTH,
        "2022大邱國際青年營（推薦大專學生）",
        D(2022, 12, 5),
        D(2022, 12, 9),
        ["daegu"],
        participants=5,
    )
    add(ActivityKind.OTHER, "「橋見2023」亞太城市桌曆", D(2022, 9, 1), None,
        ["kumamoto-prefecture", "kumamoto-city", "hachioji", "busan", "daegu", "daejeon", "suwon", "brisbane", "da-nang", "koror"],
        programme=calendar)  # fmt: skip
    add(ActivityKind.GIFT_BOX, "高雄熊暖心禮盒新年問候", D(2022, 12, 12), None, [code for code, *_rest in CITIES[:36]],
        description="高雄熊抱枕、野餐墊及市長署名新年賀卡。")  # fmt: skip
    add(ActivityKind.OUTBOUND, "陳其邁市長率團訪問日本東京", D(2022, 12, 11), D(2022, 12, 13), ["tokyo"],
        delegation="陳其邁市長\n行政暨國際處", description="拜會東京都知事小池百合子、參訪豐洲市場、會見日華議員懇談會。")  # fmt: skip
    add(ActivityKind.VIDEO_MEETING, "陳其邁市長與愛丁堡市議會凱米．戴伊議長視訊", D(2022, 10, 20), cities=["edinburgh"])
    add(ActivityKind.FORUM, "2022台灣燈會開燈儀式及無人機展演國際新聞露出", D(2022, 2, 15), cities=["belize-city"])
    add(ActivityKind.OTHER, "2022在高港人生活座談會", D(2022, 7, 28), venue="高雄市")
    add(ActivityKind.OTHER, "大陸委員會訪高共商香港議題", D(2022, 8, 19))
    # 110
    add(ActivityKind.YOUTH, "水原友好城市視訊語言交流", D(2021, 11, 3), D(2021, 11, 24), ["suwon"], participants=8)
    add(
        ActivityKind.YOUTH,
        "2021大邱國際青年營（推薦大專學生）",
        D(2021, 12, 6),
        D(2021, 12, 10),
        ["daegu"],
        participants=4,
    )
    add(ActivityKind.CEREMONY, "與帛琉科羅州締結姊妹市", D(2021, 9, 17), cities=["koror"])


def _gifts(city, missions) -> None:
    def add(**fields):
        return services.gift_record(user=None, **fields)

    painting = add(direction=GiftDirection.RECEIVED, date=D(2022, 8, 10), description="聖安東尼市世界遺產主題紀念畫作（Richard Arredondo）",
                   estimated_value=30000, counterpart="聖安東尼市政府", city=city["san-antonio"], staff="行政暨國際處",
                   kept_at="行政暨國際處禮品室")  # fmt: skip
    services.gift_report(user=None, gift=painting, reported_on=D(2022, 8, 11))
    services.gift_decide(
        user=None, gift=painting, disposition=GiftDisposition.HAND_TO_AGENCY, reason="城市致贈之紀念品，歸公典藏展示。"
    )
    add(direction=GiftDirection.GIVEN, date=D(2022, 12, 20), description="締盟40周年紀念禮品", estimated_value=5000,
        counterpart="聖安東尼市政府", city=city["san-antonio"], staff="行政暨國際處")  # fmt: skip
    add(direction=GiftDirection.RECEIVED, date=D(2022, 5, 2), description="釜山市市鑰", estimated_value=2000,
        counterpart="釜山廣域市", city=city["busan"], official_etiquette=True, kept_at="四維行政中心中庭櫥窗")  # fmt: skip
    add(direction=GiftDirection.RECEIVED, date=D(2022, 6, 9), description="布拉提斯拉瓦省紀念水晶", estimated_value=2500,
        counterpart="布拉提斯拉瓦省", city=city["bratislava-region"], kept_at="行政暨國際處禮品室")  # fmt: skip
    add(direction=GiftDirection.GIVEN, date=D(2022, 6, 9), description="高雄意象紀念品", estimated_value=3000,
        counterpart="布拉提斯拉瓦省", city=city["bratislava-region"], staff="行政暨國際處")  # fmt: skip
    hanging = add(direction=GiftDirection.RECEIVED, date=D(2022, 9, 5), description="布里斯本市政廳掛畫", estimated_value=8000,
                  counterpart="布里斯本市政府", city=city["brisbane"], kept_at="行政暨國際處禮品室")  # fmt: skip
    services.gift_report(user=None, gift=hanging, reported_on=D(2022, 9, 6))
    services.gift_decide(
        user=None, gift=hanging, disposition=GiftDisposition.HAND_TO_AGENCY, reason="展示於締盟紀念展後典藏。"
    )
    add(direction=GiftDirection.RECEIVED, date=D(2022, 11, 28), description="茶具一組", estimated_value=2000, staff="承辦人",
        private_person_name="陳志強", private_person_phone="0987654321", interested_party=True)  # fmt: skip
    add(direction=GiftDirection.RECEIVED, date=D(2022, 12, 17), description="佐渡市特產禮盒", estimated_value=1500, staff_count=12,
        counterpart="佐渡市", city=city["sado"], kept_at="分送同仁")  # fmt: skip
