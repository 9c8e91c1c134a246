"""Small hand-written phrase banks for the synthetic profiles: per sector (a NACE class)
product terms in English, Chinese, Polish and Hungarian, and sentence templates."""

SECTORS = {
    "C10.51": {
        "en": ["dairy products", "milk powder", "cheese"],
        "zh": ["乳制品", "奶粉", "奶酪"],
        "pl": ["produkty mleczne", "mleko w proszku", "sery"],
        "hu": ["tejtermékek", "tejpor", "sajt"],
    },
    "C11.02": {
        "en": ["wine", "sparkling wine", "wine export"],
        "zh": ["葡萄酒", "起泡酒", "葡萄酒出口"],
        "pl": ["wino", "wino musujące", "eksport wina"],
        "hu": ["bor", "pezsgő", "borexport"],
    },
    "C20.42": {
        "en": ["cosmetics", "skin care creams", "perfume"],
        "zh": ["化妆品", "护肤霜", "香水"],
        "pl": ["kosmetyki", "kremy do pielęgnacji", "perfumy"],
        "hu": ["kozmetikumok", "bőrápoló krémek", "parfüm"],
    },
    "C22.22": {
        "en": ["plastic packaging", "PET bottles", "food containers"],
        "zh": ["塑料包装", "PET瓶", "食品容器"],
        "pl": ["opakowania z tworzyw", "butelki PET", "pojemniki na żywność"],
        "hu": ["műanyag csomagolás", "PET palackok", "élelmiszer-tárolók"],
    },
    "C25.62": {
        "en": ["CNC machining", "metal parts", "precision turning"],
        "zh": ["CNC加工", "金属零件", "精密车削"],
        "pl": ["obróbka CNC", "części metalowe", "toczenie precyzyjne"],
        "hu": ["CNC megmunkálás", "fém alkatrészek", "precíziós esztergálás"],
    },
    "C26.11": {
        "en": ["electronic components", "PCB assembly", "sensors"],
        "zh": ["电子元件", "PCB组装", "传感器"],
        "pl": ["komponenty elektroniczne", "montaż PCB", "czujniki"],
        "hu": ["elektronikai alkatrészek", "PCB szerelés", "érzékelők"],
    },
    "C27.40": {
        "en": ["LED lighting", "street lamps", "LED panels"],
        "zh": ["LED照明", "路灯", "LED面板"],
        "pl": ["oświetlenie LED", "latarnie uliczne", "panele LED"],
        "hu": ["LED világítás", "utcai lámpák", "LED panelek"],
    },
    "C28.41": {
        "en": ["machine tools", "CNC lathes", "milling machines"],
        "zh": ["机床", "数控车床", "铣床"],
        "pl": ["obrabiarki", "tokarki CNC", "frezarki"],
        "hu": ["szerszámgépek", "CNC esztergagépek", "marógépek"],
    },
    "C29.32": {
        "en": ["auto parts", "brake systems", "EV battery housings"],
        "zh": ["汽车零部件", "制动系统", "电动车电池壳"],
        "pl": ["części samochodowe", "układy hamulcowe", "obudowy baterii EV"],
        "hu": ["autóalkatrészek", "fékrendszerek", "EV akkumulátorházak"],
    },
    "C32.50": {
        "en": ["medical instruments", "surgical tools", "dental equipment"],
        "zh": ["医疗器械", "手术器械", "牙科设备"],
        "pl": ["instrumenty medyczne", "narzędzia chirurgiczne", "sprzęt stomatologiczny"],
        "hu": ["orvosi műszerek", "sebészeti eszközök", "fogászati berendezések"],
    },
    "D35.11": {
        "en": ["solar power plants", "photovoltaic modules", "energy storage"],
        "zh": ["光伏电站", "光伏组件", "储能系统"],
        "pl": ["farmy fotowoltaiczne", "moduły fotowoltaiczne", "magazyny energii"],
        "hu": ["napelemparkok", "fotovoltaikus modulok", "energiatárolás"],
    },
    "A01.13": {
        "en": ["vegetables", "greenhouse tomatoes", "mushrooms"],
        "zh": ["蔬菜", "温室番茄", "蘑菇"],
        "pl": ["warzywa", "pomidory szklarniowe", "pieczarki"],
        "hu": ["zöldség", "üvegházi paradicsom", "gomba"],
    },
    "H52.10": {
        "en": ["warehousing", "cold storage", "rail freight logistics"],
        "zh": ["仓储", "冷库", "铁路货运物流"],
        "pl": ["magazynowanie", "chłodnie", "logistyka kolejowa"],
        "hu": ["raktározás", "hűtőházak", "vasúti logisztika"],
    },
    "J62.01": {
        "en": ["software development", "ERP systems", "mobile apps"],
        "zh": ["软件开发", "ERP系统", "移动应用"],
        "pl": ["tworzenie oprogramowania", "systemy ERP", "aplikacje mobilne"],
        "hu": ["szoftverfejlesztés", "ERP rendszerek", "mobilalkalmazások"],
    },
    "M72.19": {
        "en": ["engineering research", "materials testing", "prototype design"],
        "zh": ["工程研究", "材料测试", "原型设计"],
        "pl": ["badania inżynieryjne", "badania materiałów", "projektowanie prototypów"],
        "hu": ["mérnöki kutatás", "anyagvizsgálat", "prototípus-tervezés"],
    },
}

PARTNERSHIP_WORDS = {
    "distribution": {"en": "distribution", "zh": "分销", "pl": "dystrybucja", "hu": "forgalmazás"},
    "commercial_agency": {
        "en": "commercial agency",
        "zh": "商业代理",
        "pl": "przedstawicielstwo handlowe",
        "hu": "kereskedelmi képviselet",
    },
    "manufacturing": {
        "en": "contract manufacturing",
        "zh": "代工生产",
        "pl": "produkcja kontraktowa",
        "hu": "bérgyártás",
    },
    "joint_venture": {
        "en": "joint venture",
        "zh": "合资企业",
        "pl": "wspólne przedsięwzięcie",
        "hu": "vegyes vállalat",
    },
    "licensing": {"en": "licensing", "zh": "技术许可", "pl": "licencjonowanie", "hu": "licencia"},
    "technical_cooperation": {
        "en": "technical cooperation",
        "zh": "技术合作",
        "pl": "współpraca techniczna",
        "hu": "műszaki együttműködés",
    },
    "research_cooperation": {
        "en": "research cooperation",
        "zh": "研发合作",
        "pl": "współpraca badawcza",
        "hu": "kutatási együttműködés",
    },
    "investment": {"en": "investment", "zh": "投资", "pl": "inwestycja", "hu": "befektetés"},
}

INTRO = {
    "en": "{name} is a {size} company from {city} producing {t1} and {t2}.",
    "zh": "{name}是一家位于{city}的{size}企业，主要生产{t1}和{t2}。",
    "pl": "{name} to {size} firma z miasta {city}, producent: {t1}, {t2}.",
    "hu": "A {name} egy {size} vállalat ({city}), termékeink: {t1}, {t2}.",
}
SIZE = {
    "en": ["small", "medium-sized", "family-owned", "young"],
    "zh": ["中小型", "中型", "家族", "新兴"],
    "pl": ["mała", "średnia", "rodzinna", "młoda"],
    "hu": ["kis", "közepes", "családi", "fiatal"],
}
OFFER = {
    "en": "We offer {t} ({model}) and seek {p}.",
    "zh": "我们提供{t}（型号{model}），寻求{p}合作。",
    "pl": "Oferujemy {t} ({model}), szukamy: {p}.",
    "hu": "Kínálunk: {t} ({model}), keresünk: {p}.",
}
REQUEST = {
    "en": "We are looking for suppliers of {t} ({model}) for {p}.",
    "zh": "我们寻找{t}（型号{model}）的供应商，合作方式：{p}。",
    "pl": "Szukamy dostawców: {t} ({model}), forma współpracy: {p}.",
    "hu": "Beszállítót keresünk: {t} ({model}), együttműködés: {p}.",
}
FILLER = {
    "en": ["Certified ISO 9001.", "We export to 12 countries.", "Quality and on-time delivery."],
    "zh": ["通过ISO 9001认证。", "产品出口12个国家。", "质量可靠，按时交货。"],
    "pl": ["Certyfikat ISO 9001.", "Eksportujemy do 12 krajów.", "Jakość i terminowe dostawy."],
    "hu": ["ISO 9001 tanúsítvány.", "12 országba exportálunk.", "Minőség és pontos szállítás."],
}
CITIES = {
    "CN": ["Cangzhou", "Ningbo", "Shenzhen", "Chengdu", "Hangzhou", "Xi'an"],
    "PL": ["Kraków", "Łódź", "Gdańsk", "Poznań", "Wrocław"],
    "HU": ["Győr", "Debrecen", "Szeged", "Pécs", "Budapest"],
    "CZ": ["Brno", "Ostrava", "Plzeň"],
    "SK": ["Košice", "Žilina", "Nitra"],
    "RS": ["Novi Sad", "Niš"],
    "RO": ["Cluj-Napoca", "Timișoara"],
    "BG": ["Plovdiv", "Varna"],
    "HR": ["Split", "Rijeka"],
    "SI": ["Maribor", "Celje"],
    "GR": ["Thessaloniki", "Patras"],
    "DE": ["Leipzig", "Dresden"],
    "AT": ["Graz", "Linz"],
}
CITY_ZH = {
    "Cangzhou": "沧州",
    "Ningbo": "宁波",
    "Shenzhen": "深圳",
    "Chengdu": "成都",
    "Hangzhou": "杭州",
    "Xi'an": "西安",
}
LOCAL_LANGUAGE = {
    "CN": "zh",
    "PL": "pl",
    "HU": "hu",
    "CZ": "cs",
    "SK": "sk",
    "RS": "sr",
    "RO": "ro",
    "BG": "bg",
    "HR": "hr",
    "SI": "sl",
    "GR": "el",
    "DE": "de",
    "AT": "de",
}
