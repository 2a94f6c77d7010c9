"""Seed the consumer categories (the built-in ones plus the sectors the seed inspects) with the
agency in charge of each trade, and link existing complaints to traders by 統一編號 or name."""

from django.db import migrations

CATEGORIES = [
    # code, name, competent agency (目的事業主管機關)
    ("presale_house", "預售屋", "高雄市政府地政局"),
    ("house", "成屋", "高雄市政府地政局"),
    ("used_car", "中古汽車", "高雄市政府經濟發展局"),
    ("fitness", "健身中心", "高雄市政府運動發展局"),
    ("funeral", "殯葬", "高雄市政府民政局"),
    ("telecom", "電信", "國家通訊傳播委員會"),
    ("online_shopping", "網購", "高雄市政府經濟發展局"),
    ("travel", "旅遊", "高雄市政府觀光局"),
    ("food", "餐飲", "高雄市政府衛生局"),
    ("education", "補習教育", "高雄市政府教育局"),
    ("beauty", "美容美髮", "高雄市政府經濟發展局"),
    ("appliance", "家電3C", "高雄市政府經濟發展局"),
    ("lpg", "液化石油氣", "高雄市政府經濟發展局"),
    ("water_station", "加水站", "高雄市政府環境保護局"),
    ("karaoke", "視聽歌唱/夜店", "高雄市政府經濟發展局"),
    ("tobacco_alcohol", "菸酒", "高雄市政府財政局"),
    ("parking", "停車場", "高雄市政府交通局"),
    ("other", "其他", ""),
]


def seed(apps, schema_editor):
    ConsumerCategory = apps.get_model("consumer_protection", "ConsumerCategory")
    for order, (code, name, agency) in enumerate(CATEGORIES):
        ConsumerCategory.objects.get_or_create(
            code=code, defaults={"name": name, "competent_agency": agency, "sort_order": (order + 1) * 10}
        )
    Complaint = apps.get_model("consumer_protection", "Complaint")
    Trader = apps.get_model("consumer_protection", "Trader")
    TraderAlias = apps.get_model("consumer_protection", "TraderAlias")

    def normalise(name):
        return "".join((name or "").split()).replace("臺", "台")

    by_tax, by_name = {}, {}
    pairs = Complaint.objects.filter(trader__isnull=True).values_list("business_tax_id", "business_name").distinct()
    for tax_id, name in pairs.iterator():
        key = normalise(name)
        if tax_id:
            trader = by_tax.get(tax_id)
            if trader is None and by_name.get(key) is not None and by_name[key].tax_id is None:
                trader = by_name[key]
        else:
            trader = by_name.get(key)
        if trader is None:
            trader = Trader.objects.create(tax_id=tax_id or None, name=name)
        if tax_id and trader.tax_id is None:
            trader.tax_id = tax_id
            trader.save(update_fields=["tax_id"])
        if tax_id:
            by_tax[tax_id] = trader
        if key not in by_name:
            by_name[key] = trader
            TraderAlias.objects.get_or_create(normalised=key, defaults={"trader": trader, "name": name})
        Complaint.objects.filter(trader__isnull=True, business_tax_id=tax_id, business_name=name).update(trader=trader)


class Migration(migrations.Migration):
    dependencies = [("consumer_protection", "0004_confidentiality_committee_intake_traders")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
