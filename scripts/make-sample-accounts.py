#!/usr/bin/env python3
"""Writes the sample account files (two monthly snapshots) from a fixed seed, so they can be
regenerated and reviewed: crates/michi-core/samples/accounts-2026-10.csv and -11.csv (UTF-8 with a
BOM, as Excel saves "CSV UTF-8"), and tests/data/accounts/accounts-2026-11.cp932.csv (the same
November file in Shift_JIS/CP932, as older Excel saves it)."""
import csv, io, random

random.seed(20261101)
COMPANIES = [
    ("山田製作所", "中堅製造業"), ("青葉食品工業", "中堅製造業"), ("北斗精機", "中堅製造業"), ("東海化成", "中堅製造業"),
    ("みなと金属工業", "中堅製造業"), ("さくら樹脂", "中堅製造業"), ("信州プレス", "中堅製造業"), ("若葉乳業", "中堅製造業"),
    ("大和電装", "中堅製造業"), ("瀬戸内造船工業", "中堅製造業"), ("富士見パッケージ", "中堅製造業"), ("千曲精密", "中堅製造業"),
    ("関東ベアリング", "中堅製造業"), ("こだま製菓", "中堅製造業"), ("日向化学", "中堅製造業"), ("北陸アルミ", "中堅製造業"),
    ("中央ホールディングス製造", "大手製造業"), ("日本重機工業", "大手製造業"), ("東邦自動車部品", "大手製造業"),
    ("西日本食品", "大手製造業"), ("太平洋化学工業", "大手製造業"), ("関西精工", "大手製造業"),
    ("カフェ・ひだまり", "中小サービス業"), ("やきとり大将", "中小サービス業"), ("花むすび（弁当）", "中小サービス業"),
    ("ベーカリー麦の穂", "中小サービス業"), ("リカーショップ酒蔵", "中小サービス業"), ("らーめん一番星", "中小サービス業"),
    ("ドラッグ健康堂", "中小サービス業"), ("クリーニングしろくま", "中小サービス業"), ("寿司処みやび", "中小サービス業"),
    ("雑貨店ことり", "中小サービス業"), ("ホテル湯の里", "中小サービス業"), ("美容室ルミエール", "中小サービス業"),
    ("珈琲館あおぞら", "中小サービス業"), ("精肉の丸正", "中小サービス業"), ("ベトナム料理サイゴン", "中小サービス業"),
    ("青果のやおよし", "中小サービス業"), ("定食屋こころ", "中小サービス業"), ("文具のつばめ堂", "中小サービス業"),
]
SEGMENT = {
    "中堅製造業": ("中堅", "製造業", ["オンボーディング", "活用・定着", "拡大", "更新"]),
    "大手製造業": ("大企業", "製造業", ["オンボーディング", "活用・定着", "拡大", "更新"]),
    "中小サービス業": ("中小", "サービス業（飲食・小売）", ["はじめての記録", "毎日の習慣化"]),
}
CSM = ["佐藤", "鈴木", "高橋", "田中"]
# Archetypes: success, kindling (people there, usage not yet), at risk (usage without people), churn risk.
ARCHETYPES = ["success"] * 14 + ["kindling"] * 9 + ["atrisk"] * 8 + ["churn"] * 9
random.shuffle(ARCHETYPES)
HEADER = ["顧客ID", "会社名", "セグメント", "規模", "業種", "意欲", "リテラシー", "ステージ", "ステージ開始日",
          "推進担当", "決裁者の関与", "反対者", "事業上の理由", "チャンピオン", "定例実施率", "最終接点からの日数",
          "チャネル数", "ログイン率", "主要機能利用率", "オンボーディング予定どおり", "担当CS"]

def clamp(x, lo, hi):
    return max(lo, min(hi, x))

def account(i, month):
    name, seg = COMPANIES[i]
    size, industry, stages = SEGMENT[seg]
    kind = ARCHETYPES[i]
    r = random.Random(i * 100 + month)
    good_wood = kind in ("success", "kindling")
    good_fire = kind in ("success", "atrisk")
    # November drifts: a few accounts change (a champion leaves, a team is re-formed).
    if month == 11 and i % 7 == 3:
        good_wood = not good_wood
    if month == 11 and i % 9 == 5:
        good_fire = not good_fire
    owner = "はい" if good_wood or r.random() < 0.2 else "いいえ"
    dm = clamp(r.randint(4, 5) if good_wood else r.randint(1, 2), 1, 5)
    opponent = "あり" if (not good_wood and r.random() < 0.6) else "なし"
    reason = r.randint(3, 5) if kind != "churn" else r.randint(1, 3)
    champion = "はい" if r.random() < (0.8 if kind != "churn" else 0.2) else "いいえ"
    meetings = round(clamp(r.gauss(0.85 if kind != "churn" else 0.5, 0.12), 0.1, 1.0), 2)
    days = r.randint(2, 20) if kind != "churn" else r.randint(25, 80)
    channels = r.randint(2, 4) if kind != "churn" else r.randint(1, 2)
    login = clamp(r.gauss(0.78 if good_fire else 0.32, 0.08), 0.05, 0.98)
    feature = clamp(r.gauss(0.6 if good_fire else 0.2, 0.08), 0.02, 0.95)
    on_time = "はい" if good_fire or r.random() < 0.3 else "いいえ"
    stage = stages[min(len(stages) - 1, (i + (1 if month == 11 and i % 4 == 0 else 0)) % len(stages))]
    since_day = 1 + (i * 3) % 27
    since = f"2026/{8 + (i % 3)}/{since_day}" if month == 10 else f"2026/{9 + (i % 3)}/{since_day}"
    row = [f"C-{1001 + i}", name, seg, size, industry, ["高", "中", "低"][i % 3], ["低", "中", "高"][(i // 3) % 3],
           stage, since, owner, dm, opponent, reason, champion, f"{meetings:.0%}", days, channels,
           f"{login:.0%}", f"{feature:.0%}", on_time, CSM[i % 4]]
    # Not every judgement is made every month: a few cells are left empty.
    if (i + month) % 11 == 0:
        row[10] = ""
    if (i + month) % 13 == 0:
        row[12] = ""
    return row

def write(path, month, encoding):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(HEADER)
    for i in range(len(COMPANIES)):
        w.writerow(account(i, month))
    data = buf.getvalue()
    with open(path, "wb") as f:
        f.write(("\ufeff" + data).encode("utf-8") if encoding == "utf-8-sig" else data.encode("cp932"))

write("crates/michi-core/samples/accounts-2026-10.csv", 10, "utf-8-sig")
write("crates/michi-core/samples/accounts-2026-11.csv", 11, "utf-8-sig")
write("tests/data/accounts/accounts-2026-11.cp932.csv", 11, "cp932")
