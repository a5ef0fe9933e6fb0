/// Material for place, company and institution names, banks and diagnoses.
enum Places {
    /// Resident population of Shandong's cities in ten thousands (2020 census, 第七次全国人口普查),
    /// which sets each city's share of a simulated Shandong population.
    static let cityPopulation: [String: Double] = [
        "370100": 920.2, "370200": 1007.2, "370300": 470.4, "370400": 385.6, "370500": 219.4, "370600": 710.2,
        "370700": 938.7, "370800": 835.8, "370900": 547.2, "371000": 290.7, "371100": 296.8, "371300": 1101.8,
        "371400": 561.1, "371500": 595.2, "371600": 392.9, "371700": 879.6,
    ]

    /// First characters of town, village and road names.
    static let stemHeads = Array("东西南北前后上中下大小新老高张王李刘马黄白石龙凤金玉青红柳杨桃花胜利幸福太平长兴安")
    /// Second characters of town and village names.
    static let stemTails = Array("庄集店屯营寨坡桥河湖山岭沟口台林洼园泉峪堡官楼寺铺桥湾坊")
    /// Road name stems (two characters), used with 路, 街 or 大道.
    static let roadStems = [
        "人民", "解放", "建设", "和平", "胜利", "文化", "光明", "新华", "中山", "黄河", "泰山", "齐鲁",
        "经一", "经二", "纬一", "纬二", "府前", "振兴", "育才", "民生", "滨河", "工业", "开发", "迎宾",
        "朝阳", "兴华", "长江", "东风", "幸福", "青年", "花园", "站前",
    ]
    static let roadSuffixes = ["路", "街", "大道", "路", "路"]

    /// Company name middles and suffixes.
    static let companyWords = [
        "鲁信", "恒通", "金辉", "瑞丰", "华泰", "宏达", "鑫源", "永盛", "德润", "泰和", "众诚", "海川", "天元",
        "立信", "汇丰", "银河", "正大", "顺达", "博远", "佳美", "安泰", "新希望", "东方", "齐鲁", "泉城",
    ]
    static let companyTrades = [
        "机械制造", "纺织", "食品", "建筑工程", "商贸", "物流", "化工", "电子科技", "农业开发", "医药",
        "汽车配件", "家具", "印刷", "餐饮管理", "物业服务", "新材料", "水泥制品", "钢结构", "服装", "信息技术",
    ]
    static let companySuffixes = ["有限公司", "有限公司", "股份有限公司", "有限责任公司"]
    /// Shell companies borrow grand, vague trades.
    static let shellTrades = ["商贸", "咨询服务", "劳务派遣", "企业管理", "文化传媒", "投资管理"]

    /// Pharmacy chains found in Shandong.
    static let pharmacyBrands = ["漱玉平民大药房", "立健药店", "燕喜堂医药", "益丰大药房", "老百姓大药房", "同仁堂药店", "瑞康大药房"]

    /// Banks and a six-digit card prefix (BIN) for each.
    static let banks: [(name: String, bin: String)] = [
        ("中国工商银行", "622202"), ("中国农业银行", "622848"), ("中国银行", "621661"), ("中国建设银行", "621700"),
        ("交通银行", "622260"), ("中国邮政储蓄银行", "621799"), ("山东省农村信用社", "623190"), ("齐鲁银行", "622886"),
    ]
    static let bankTable = WeightedTable([22, 20, 10, 16, 5, 12, 12, 3])

    /// Outpatient diagnoses (ICD-10) with weights.
    static let outpatientDiagnoses = [
        "J06.9", "I10", "E11.9", "K29.7", "M54.5", "J20.9", "R51", "L30.9", "H10.9", "K52.9", "N39.0", "M17.9",
    ]
    /// Inpatient diagnoses (ICD-10).
    static let inpatientDiagnoses = [
        "I63.9", "J18.9", "I25.1", "K80.2", "S72.0", "C34.9", "E11.9", "N18.9", "I50.9", "K35.8", "O80.0", "J44.1",
    ]
    /// Injury diagnoses (ICD-10) for work injuries.
    static let injuryDiagnoses = ["S62.6", "S82.0", "S52.5", "S06.0", "T30.0", "S32.0"]

    /// Courts for custody records, by suffix of the county name.
    static func court(countyName: String) -> String { countyName + "人民法院" }

    /// Audit staff roles, education and specialties.
    static let staffRoles = ["稽核员", "稽核员", "稽核员", "高级稽核员", "稽核科长", "数据分析员"]
    static let educations = ["大专", "本科", "本科", "本科", "硕士研究生"]
    static let specialties = ["养老保险稽核", "医保基金监管", "工伤保险稽核", "失业保险稽核", "数据分析", "财务审计", "法律"]
}
