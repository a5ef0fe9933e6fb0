/// Chinese personal names: surnames weighted by their share of the population (2020 census
/// rankings, per cent), given-name characters by sex and generation, and the two ways names go
/// wrong in other departments' files (homophone typos, Traditional characters).
enum ChineseNames {
    /// Surnames and their share of the population in per cent.
    static let surnames: [(String, Double)] = [
        ("王", 7.12), ("李", 7.00), ("张", 6.74), ("刘", 5.10), ("陈", 4.61), ("杨", 3.22), ("黄", 2.45),
        ("赵", 2.19), ("吴", 2.00), ("周", 1.95), ("徐", 1.45), ("孙", 1.38), ("马", 1.29), ("朱", 1.28),
        ("胡", 1.16), ("郭", 1.13), ("何", 1.06), ("林", 1.02), ("高", 1.00), ("罗", 0.95), ("郑", 0.87),
        ("梁", 0.85), ("谢", 0.76), ("宋", 0.70), ("唐", 0.70), ("许", 0.66), ("韩", 0.65), ("邓", 0.62),
        ("冯", 0.62), ("曹", 0.61), ("彭", 0.58), ("曾", 0.56), ("肖", 0.56), ("田", 0.53), ("董", 0.53),
        ("潘", 0.50), ("袁", 0.49), ("蔡", 0.48), ("蒋", 0.48), ("余", 0.47), ("于", 0.46), ("杜", 0.45),
        ("叶", 0.44), ("程", 0.44), ("魏", 0.42), ("苏", 0.41), ("吕", 0.41), ("丁", 0.40), ("任", 0.39),
        ("卢", 0.38), ("姚", 0.37), ("沈", 0.37), ("钟", 0.36), ("姜", 0.36), ("崔", 0.35), ("谭", 0.35),
        ("陆", 0.34), ("范", 0.32), ("汪", 0.32), ("廖", 0.31), ("石", 0.31), ("金", 0.30), ("韦", 0.29),
        ("贾", 0.29), ("夏", 0.28), ("付", 0.28), ("方", 0.27), ("邹", 0.26), ("熊", 0.26), ("白", 0.26),
        ("孟", 0.25), ("秦", 0.25), ("邱", 0.25), ("侯", 0.24), ("江", 0.24), ("尹", 0.23), ("薛", 0.23),
        ("闫", 0.22), ("段", 0.22), ("雷", 0.21), ("龙", 0.20), ("黎", 0.20), ("史", 0.20), ("陶", 0.19),
        ("贺", 0.19), ("毛", 0.18), ("郝", 0.18), ("顾", 0.17), ("龚", 0.17), ("邵", 0.16), ("万", 0.16),
        ("武", 0.15), ("钱", 0.15), ("戴", 0.15), ("严", 0.14), ("孔", 0.14), ("常", 0.13), ("牛", 0.12),
        ("庞", 0.10), ("欧阳", 0.05), ("司马", 0.01), ("诸葛", 0.01),
    ]

    static let surnameTable = WeightedTable(surnames.map(\.1))

    /// Given-name characters common for men born before 1980.
    static let maleOld = Array("国建军伟强明华平勇志刚海峰东林成亮龙祥春生德宝福金山振新兴永忠庆文斌辉军民学红波涛")
    /// Given-name characters common for men born from 1980.
    static let maleNew = Array("浩宇轩子涵博文杰俊鹏磊超鑫帅凯健晨旭航泽睿诚铭昊天佳嘉瑞一然奕宸逸豪毅")
    /// Given-name characters common for women born before 1980.
    static let femaleOld = Array("秀英桂兰玉梅凤珍芳红霞华丽敏静艳娟燕玲萍春月淑荣翠云琴美花素")
    /// Given-name characters common for women born from 1980.
    static let femaleNew = Array("欣怡涵梓萱诗雨思佳可馨彤妍婷慧莉洁颖晶悦琳雪倩蕾语嘉若安")

    /// A name for someone of this sex born in this year.
    static func name(surname: String, male: Bool, birthYear: Int, rng: inout SimulationRandom) -> String {
        let pool = male ? (birthYear < 1980 ? maleOld : maleNew) : (birthYear < 1980 ? femaleOld : femaleNew)
        var name = surname
        name.append(rng.pick(pool))
        if !rng.chance(birthYear < 1980 ? 0.35 : 0.2) {
            var second = rng.pick(pool)
            if second == name.last { second = rng.pick(pool) }
            name.append(second)
        }
        return name
    }

    /// Simplified → Traditional for the characters above that differ.
    static let traditional: [Character: Character] = [
        "张": "張", "陈": "陳", "刘": "劉", "杨": "楊", "黄": "黃", "赵": "趙", "吴": "吳", "孙": "孫", "马": "馬",
        "郑": "鄭", "罗": "羅", "谢": "謝", "许": "許", "韩": "韓", "邓": "鄧", "冯": "馮", "肖": "蕭", "蒋": "蔣",
        "叶": "葉", "苏": "蘇", "吕": "呂", "卢": "盧", "钟": "鍾", "陆": "陸", "贾": "賈", "邹": "鄒", "龙": "龍",
        "顾": "顧", "龚": "龔", "钱": "錢", "严": "嚴", "闫": "閆", "贺": "賀", "邱": "邱", "汤": "湯",
        "国": "國", "建": "建", "军": "軍", "伟": "偉", "强": "強", "华": "華", "刚": "剛", "东": "東", "亮": "亮",
        "宝": "寶", "兴": "興", "庆": "慶", "学": "學", "红": "紅", "涛": "濤", "辉": "輝", "轩": "軒", "杰": "傑",
        "鹏": "鵬", "鑫": "鑫", "帅": "帥", "凯": "凱", "航": "航", "泽": "澤", "诚": "誠", "铭": "銘", "豪": "豪",
        "兰": "蘭", "凤": "鳳", "丽": "麗", "艳": "艷", "娟": "娟", "玲": "玲", "荣": "榮", "云": "雲", "琴": "琴",
        "萱": "萱", "诗": "詩", "颖": "穎", "悦": "悅", "语": "語", "毅": "毅", "静": "靜", "洁": "潔", "梦": "夢",
    ]

    /// Homophone or look-alike substitutions a clerk might type.
    static let typos: [Character: Character] = [
        "明": "铭", "伟": "玮", "丽": "莉", "静": "晶", "华": "桦", "军": "君", "英": "颖", "芳": "方", "红": "宏",
        "敏": "民", "杰": "洁", "涛": "韬", "玲": "琳", "勇": "永", "建": "健", "国": "帼", "辉": "晖", "鹏": "朋",
        "斌": "彬", "霞": "侠", "燕": "艳", "娟": "鹃", "平": "萍", "刚": "钢", "峰": "锋", "兰": "岚", "梅": "玫",
        "秀": "绣", "凤": "风", "玉": "钰", "春": "椿", "志": "智", "文": "雯", "东": "冬", "林": "琳", "成": "诚",
        "龙": "隆", "祥": "翔", "宝": "保", "福": "富", "金": "锦", "山": "珊", "新": "欣", "兴": "星", "忠": "中",
        "浩": "皓", "宇": "雨", "子": "梓", "涵": "含", "博": "波", "俊": "骏", "磊": "垒", "超": "潮", "鑫": "新",
        "帅": "率", "凯": "恺", "健": "建", "晨": "辰", "旭": "煦", "航": "杭", "泽": "择", "睿": "锐", "诚": "成",
        "欣": "新", "怡": "宜", "梓": "子", "萱": "宣", "诗": "师", "雨": "宇", "思": "斯", "佳": "嘉", "可": "珂",
        "馨": "欣", "彤": "桐", "妍": "艳", "婷": "亭", "慧": "惠", "莉": "丽", "洁": "杰", "颖": "英", "晶": "静",
        "悦": "越", "琳": "林", "雪": "学", "倩": "茜", "蕾": "雷", "语": "雨", "若": "偌", "安": "按", "庆": "青",
        "生": "声", "德": "得", "振": "震", "永": "勇", "民": "敏", "学": "雪", "波": "博", "亮": "靓",
        "桂": "贵", "珍": "真", "艳": "燕", "萍": "平", "月": "悦", "淑": "叔", "荣": "蓉", "翠": "萃", "云": "芸",
        "琴": "勤", "美": "梅", "花": "华", "素": "苏", "一": "依", "然": "燃", "天": "添", "奕": "亦", "宸": "辰",
        "逸": "艺", "豪": "浩", "毅": "义", "昊": "浩", "铭": "明", "瑞": "锐", "嘉": "佳",
    ]

    /// The name written in Traditional characters (unchanged characters stay as they are).
    static func traditionalForm(of name: String) -> String {
        String(name.map { traditional[$0] ?? $0 })
    }

    /// The name with one given-name character replaced by a homophone (or the surname's, if none maps).
    static func typo(of name: String, rng: inout SimulationRandom) -> String {
        var chars = Array(name)
        let candidates = chars.indices.dropFirst().filter { typos[chars[$0]] != nil }
        if let i = candidates.isEmpty ? nil : candidates[rng.int(candidates.count)] {
            chars[i] = typos[chars[i]]!
        } else {
            chars.append(rng.pick(femaleOld))
        }
        return String(chars)
    }
}
