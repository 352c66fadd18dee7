// Generated from Rust (michi_app::vocabulary) by the bindings test. Do not edit: change the words
// where Rust keeps them.

export const vocabulary = {
  "en": {
    "bonfire": {
      "ember": "Ember",
      "fire": "Fire",
      "firewood": "Firewood",
      "wind": "Wind"
    },
    "changeClass": {
      "added": "Added",
      "attributeChanged": "Attributes changed",
      "layoutChanged": "Layout changed",
      "moved": "Moved",
      "reconnected": "Reconnected",
      "removed": "Removed",
      "renamed": "Renamed",
      "reordered": "Reordered",
      "typeChanged": "Type changed"
    },
    "channel": {
      "chat": "Chat",
      "community": "Community",
      "email": "Email",
      "event": "Event",
      "helpCenter": "Help center",
      "inApp": "In-app",
      "onlineMeeting": "Online meeting",
      "onsite": "On-site visit",
      "other": "Other",
      "phone": "Phone",
      "webinar": "Webinar"
    },
    "gapStatus": {
      "done": "Done",
      "identified": "Identified",
      "planned": "Planned",
      "started": "Started"
    },
    "kinds": {
      "accountSnapshot": "Accounts import",
      "activity": "Activity",
      "annotation": "Note",
      "assessment": "Assessment",
      "association": "Association",
      "catalog": "Catalog",
      "collaboration": "Collaboration",
      "conversation": "Conversation",
      "csAction": "CS action",
      "customerAction": "Customer action",
      "customerGoal": "Customer goal",
      "dataAssociation": "Data association",
      "dataObject": "Data",
      "emotion": "Emotion",
      "event": "Event",
      "evidenceSettings": "Evidence settings",
      "gapItem": "Gap item",
      "gateway": "Gateway",
      "group": "Group",
      "healthModel": "Health model",
      "journey": "Journey",
      "judgement": "Judgement",
      "lane": "Lane (role)",
      "lintSettings": "Diagnosis settings",
      "messageFlow": "Hand-off",
      "metric": "Metric",
      "orgFunction": "Org function",
      "persona": "Persona",
      "pool": "Pool",
      "process": "Process",
      "processModel": "Process model",
      "quote": "Quote",
      "role": "Role",
      "segment": "Segment",
      "sequenceFlow": "Sequence flow",
      "skill": "Skill",
      "skillRequirement": "Skill requirement",
      "stage": "Stage",
      "stateSnapshot": "State snapshot",
      "stickyNote": "Sticky note",
      "stumblingPoint": "Stumbling point",
      "system": "System",
      "tag": "Tag",
      "teamMember": "Team member",
      "term": "Term",
      "touchpoint": "Touchpoint",
      "vote": "Vote",
      "workshop": "Workshop"
    },
    "lanes": {
      "csAction": "CS actions",
      "customerAction": "Customer actions",
      "customerGoal": "Customer goal",
      "emotion": "Emotion",
      "metric": "Metrics",
      "stumblingPoint": "Stumbling points",
      "touchpoint": "Touchpoints"
    },
    "metricRole": {
      "lagging": "Lagging",
      "leading": "Leading"
    },
    "personRole": {
      "decisionMaker": "Decision maker",
      "member": "Member",
      "opponent": "Opponent",
      "owner": "Project owner"
    },
    "perspective": {
      "behaviour": "The customer's behaviour and stumbling points",
      "problem": "The customer's problem and its background",
      "productOrOperation": "What the product solves, what an operational proposal solves",
      "proposal": "What CS proposed or explained",
      "request": "The customer's requests"
    },
    "phase": {
      "adoption": "Adoption",
      "expansion": "Expansion",
      "onboarding": "Onboarding",
      "renewal": "Renewal"
    },
    "quadrant": {
      "atRisk": "Fire without wood",
      "churnRisk": "Churn risk",
      "kindling": "Wood without fire",
      "success": "Success"
    },
    "reach": {
      "perAccount": "One account at a time",
      "program": "Many at once (a program)"
    },
    "reasonShort": {
      "benefitUnclear": "Benefit",
      "guidanceLacking": "Guidance",
      "noNeedBias": "No-need bias",
      "notNow": "Timing",
      "other": "Other"
    },
    "touch": {
      "high": "High touch",
      "low": "Low touch",
      "tech": "Tech touch"
    },
    "workTag": {
      "advocacy": "Advocacy (case studies, references)",
      "domainKnowledge": "Domain knowledge",
      "productRequest": "Product request",
      "teaching": "Teaching",
      "technical": "Technical (integration, setup, migration)",
      "trouble": "Trouble (errors, tickets)"
    }
  },
  "ja": {
    "bonfire": {
      "ember": "種火",
      "fire": "焚き火の状態",
      "firewood": "薪",
      "wind": "送風"
    },
    "changeClass": {
      "added": "追加",
      "attributeChanged": "属性の変更",
      "layoutChanged": "配置の変更",
      "moved": "移動（所属の変更）",
      "reconnected": "つなぎ替え",
      "removed": "削除",
      "renamed": "名前の変更",
      "reordered": "並べ替え",
      "typeChanged": "種類の変更"
    },
    "channel": {
      "chat": "チャット",
      "community": "コミュニティ",
      "email": "メール",
      "event": "イベント",
      "helpCenter": "ヘルプセンター",
      "inApp": "アプリ内",
      "onlineMeeting": "オンライン会議",
      "onsite": "訪問",
      "other": "その他",
      "phone": "電話",
      "webinar": "ウェビナー"
    },
    "gapStatus": {
      "done": "完了",
      "identified": "特定済み",
      "planned": "計画済み",
      "started": "着手"
    },
    "kinds": {
      "accountSnapshot": "アカウントの取り込み",
      "activity": "アクティビティ",
      "annotation": "注記",
      "assessment": "スキル評価",
      "association": "関連線",
      "catalog": "カタログ",
      "collaboration": "コラボレーション",
      "conversation": "顧客との会話",
      "csAction": "CSアクション",
      "customerAction": "顧客の行動",
      "customerGoal": "顧客のゴール",
      "dataAssociation": "データの入出力",
      "dataObject": "データ",
      "emotion": "感情",
      "event": "イベント",
      "evidenceSettings": "エビデンスの設定",
      "gapItem": "ギャップ",
      "gateway": "分岐・合流",
      "group": "グループ",
      "healthModel": "ヘルスモデル",
      "journey": "ジャーニー",
      "judgement": "判定",
      "lane": "レーン（役割）",
      "lintSettings": "診断の設定",
      "messageFlow": "受け渡し",
      "metric": "指標",
      "orgFunction": "組織の機能",
      "persona": "ペルソナ",
      "pool": "プール",
      "process": "プロセス",
      "processModel": "プロセスモデル",
      "quote": "引用",
      "role": "役割",
      "segment": "セグメント",
      "sequenceFlow": "流れ",
      "skill": "スキル要素",
      "skillRequirement": "必要なスキル",
      "stage": "ステージ",
      "stateSnapshot": "状態スナップショット",
      "stickyNote": "付箋",
      "stumblingPoint": "つまずきポイント",
      "system": "システム",
      "tag": "タグ",
      "teamMember": "メンバー",
      "term": "用語",
      "touchpoint": "タッチポイント",
      "vote": "投票",
      "workshop": "ワークショップ"
    },
    "lanes": {
      "csAction": "CSアクション",
      "customerAction": "顧客の行動",
      "customerGoal": "顧客のゴール",
      "emotion": "感情",
      "metric": "指標",
      "stumblingPoint": "つまずきポイント",
      "touchpoint": "タッチポイント"
    },
    "metricRole": {
      "lagging": "遅行指標",
      "leading": "先行指標"
    },
    "personRole": {
      "decisionMaker": "決裁者",
      "member": "メンバー",
      "opponent": "反対者",
      "owner": "推進担当"
    },
    "perspective": {
      "behaviour": "顧客の行動とつまずき",
      "problem": "顧客の課題と背景",
      "productOrOperation": "製品で解決すること・運用提案で解決すること",
      "proposal": "CSの提案・説明",
      "request": "顧客の要望"
    },
    "phase": {
      "adoption": "活用・定着",
      "expansion": "拡大",
      "onboarding": "導入",
      "renewal": "更新"
    },
    "quadrant": {
      "atRisk": "火はあるが薪が弱い",
      "churnRisk": "解約リスク",
      "kindling": "薪はあるが火が弱い",
      "success": "成功"
    },
    "reach": {
      "perAccount": "1社ずつ",
      "program": "多数に一度に（プログラム）"
    },
    "reasonShort": {
      "benefitUnclear": "ベネフィット",
      "guidanceLacking": "ガイダンス",
      "noNeedBias": "必要性バイアス",
      "notNow": "タイミング",
      "other": "その他"
    },
    "touch": {
      "high": "ハイタッチ",
      "low": "ロータッチ",
      "tech": "テックタッチ"
    },
    "workTag": {
      "advocacy": "事例・推薦",
      "domainKnowledge": "業界・業務の知識",
      "productRequest": "製品への要望",
      "teaching": "教える場",
      "technical": "技術（連携・設定・移行）",
      "trouble": "不具合・問い合わせ"
    }
  }
};
