"""The texts of the demo's sample matchmaking profiles and opportunities, written by hand in
Chinese, Polish, Hungarian and English (sample data, not sourced facts)."""

from smeforum.matchmaking.models import Opportunity

# Each forum field: its NACE divisions, which side offers ("CN" or "CEE"), a description and a
# complementary offer/request pair, each text in zh, pl, hu and en (title, summary).
FIELDS: dict[str, dict] = {
    "medical": {
        "sectors": ["32", "26"],
        "offers": "CN",
        "description": {
            "zh": "我们从事医疗器械的生产与销售，产品包括一次性医用耗材、康复器械和医用电子设备。",
            "pl": "Zajmujemy się wyrobami medycznymi: produkcją, dystrybucją i serwisem sprzętu "
            "dla szpitali i ośrodków rehabilitacji.",
            "hu": "Orvostechnikai eszközökkel foglalkozunk: kórházi és rehabilitációs "
            "berendezések gyártásával, forgalmazásával és szervizével.",
            "en": "We work in medical devices: making, distributing and servicing equipment for "
            "hospitals and rehabilitation centres.",
        },
        "offer": {
            "kind": Opportunity.Kind.BUSINESS_OFFER,
            "partnerships": ["distribution", "commercial_agency"],
            "keywords": "CE, ISO 13485, syringes, infusion sets",
            "zh": (
                "CE认证一次性医用耗材寻求经销商",
                "提供注射器、输液器和医用敷料，也可按客户品牌贴牌生产。",
            ),
            "pl": (
                "Jednorazowe wyroby medyczne z certyfikatem CE szukają dystrybutora",
                "Oferujemy strzykawki, zestawy do infuzji i opatrunki, także pod marką klienta.",
            ),
            "hu": (
                "CE-jelölésű egyszer használatos orvosi termékekhez keresünk forgalmazót",
                "Fecskendőket, infúziós szerelékeket és kötszereket kínálunk, saját márkás "
                "gyártással is.",
            ),
            "en": (
                "CE-marked disposable medical supplies seek distributors",
                "We offer syringes, infusion sets and dressings, also made under the "
                "customer's brand.",
            ),
        },
        "request": {
            "kind": Opportunity.Kind.BUSINESS_REQUEST,
            "partnerships": ["distribution"],
            "keywords": "CE, ISO 13485, disposables, tender",
            "zh": (
                "寻找CE认证一次性医用耗材供应商",
                "我们为医院招标采购注射器和输液器，需要稳定可靠的长期供应商。",
            ),
            "pl": (
                "Szukamy dostawcy jednorazowych wyrobów medycznych z CE",
                "Kupujemy strzykawki i zestawy do infuzji na przetargi szpitalne i potrzebujemy "
                "stałego dostawcy.",
            ),
            "hu": (
                "CE-jelölésű egyszer használatos orvosi termékek beszállítóját keressük",
                "Kórházi tenderekre vásárolunk fecskendőket és infúziós szerelékeket, ezért "
                "megbízható, hosszú távú beszállítót keresünk.",
            ),
            "en": (
                "Supplier of CE-marked disposable medical supplies wanted",
                "We buy syringes and infusion sets for hospital tenders and need a reliable "
                "long-term supplier.",
            ),
        },
    },
    "aviation": {
        "sectors": ["30"],
        "offers": "CEE",
        "description": {
            "zh": "公司为通用航空飞机提供复合材料结构件、机舱内饰和维修服务，执行AS9100质量体系。",
            "pl": "Wytwarzamy elementy kompozytowe i wyposażenie kabin dla lotnictwa ogólnego "
            "oraz obsługujemy samoloty lekkie, zgodnie z AS9100.",
            "hu": "Kompozit szerkezeti elemeket és kabinbelsőket gyártunk általános célú "
            "repülőgépekhez, AS9100 minőségirányítási rendszerrel.",
            "en": "We build composite structural parts and cabin interiors for general aviation "
            "aircraft under an AS9100 quality system.",
        },
        "offer": {
            "kind": Opportunity.Kind.BUSINESS_OFFER,
            "partnerships": ["manufacturing", "joint_venture"],
            "keywords": "AS9100, composite, fairings, light aircraft",
            "zh": (
                "通用航空复合材料部件代工生产",
                "可按客户图纸小批量生产整流罩、舱门等复合材料部件，交货周期短。",
            ),
            "pl": (
                "Produkcja kontraktowa części kompozytowych dla lotnictwa",
                "Wykonujemy krótkie serie owiewek, drzwi i innych części kompozytowych według "
                "rysunków klienta.",
            ),
            "hu": (
                "Kompozit repülőgép-alkatrészek bérgyártása",
                "Vevői rajz alapján kis sorozatban gyártunk burkolatokat, ajtókat és más "
                "kompozit alkatrészeket.",
            ),
            "en": (
                "Contract manufacturing of composite aircraft parts",
                "We make short runs of fairings, doors and other composite parts to the "
                "customer's drawings.",
            ),
        },
        "request": {
            "kind": Opportunity.Kind.BUSINESS_REQUEST,
            "partnerships": ["manufacturing", "technical_cooperation"],
            "keywords": "AS9100, composite, light aircraft",
            "zh": (
                "寻求轻型飞机复合材料部件合作生产伙伴",
                "我们组装轻型飞机，希望与有AS9100认证的欧洲企业合作生产机身部件。",
            ),
            "pl": (
                "Szukamy partnera do produkcji części kompozytowych samolotów lekkich",
                "Montujemy samoloty lekkie i chcemy zlecić produkcję części płatowca firmie z "
                "certyfikatem AS9100.",
            ),
            "hu": (
                "Könnyű repülőgépek kompozit alkatrészeinek gyártásához keresünk partnert",
                "Könnyű repülőgépeket szerelünk össze, és AS9100 tanúsítvánnyal rendelkező "
                "gyártót keresünk a sárkányszerkezeti elemekhez.",
            ),
            "en": (
                "Partner wanted to make composite parts for light aircraft",
                "We assemble light aircraft and want an AS9100-certified maker for airframe parts.",
            ),
        },
    },
    "equipment": {
        "sectors": ["28"],
        "offers": "CN",
        "description": {
            "zh": "公司专业生产数控机床、激光加工设备和自动化生产线，并提供安装调试和售后服务。",
            "pl": "Specjalizujemy się w obrabiarkach CNC, urządzeniach do obróbki laserowej i "
            "liniach automatyki, z montażem i serwisem.",
            "hu": "CNC szerszámgépekre, lézeres megmunkáló berendezésekre és automatizált "
            "gyártósorokra szakosodtunk, telepítéssel és szervizzel.",
            "en": "We specialise in CNC machine tools, laser processing equipment and automated "
            "production lines, with installation and service.",
        },
        "offer": {
            "kind": Opportunity.Kind.TECHNOLOGY_OFFER,
            "readiness": 9,
            "partnerships": ["commercial_agency", "technical_cooperation"],
            "keywords": "CNC, fibre laser, automation",
            "zh": (
                "光纤激光切割设备及技术支持",
                "提供光纤激光切割机整机及操作培训，寻求当地代理和售后服务伙伴。",
            ),
            "pl": (
                "Wycinarki laserowe wraz ze wsparciem technicznym",
                "Dostarczamy wycinarki laserowe ze szkoleniem operatorów i szukamy lokalnego "
                "agenta serwisowego.",
            ),
            "hu": (
                "Lézervágó berendezések műszaki támogatással",
                "Szálas lézervágó gépeket szállítunk kezelői képzéssel, és helyi képviselőt "
                "keresünk a szervizhez.",
            ),
            "en": (
                "Fibre laser cutting machines with technical support",
                "We supply fibre laser cutters with operator training and seek a local agent "
                "for service.",
            ),
        },
        "request": {
            "kind": Opportunity.Kind.TECHNOLOGY_REQUEST,
            "readiness": 8,
            "partnerships": ["technical_cooperation", "commercial_agency"],
            "keywords": "CNC, fibre laser, sheet metal",
            "zh": (
                "寻求激光切割和数控加工技术升级",
                "我们是钣金加工企业，希望引进光纤激光切割设备并获得操作培训。",
            ),
            "pl": (
                "Szukamy technologii cięcia laserowego dla naszej ślusarni",
                "Obrabiamy blachy i chcemy wdrożyć wycinarkę laserową wraz ze szkoleniem "
                "operatorów.",
            ),
            "hu": (
                "Lézervágási technológiát keresünk lemezmegmunkáló üzemünkbe",
                "Lemezmegmunkálással foglalkozunk, és szálas lézervágó gépet szeretnénk "
                "bevezetni kezelői képzéssel.",
            ),
            "en": (
                "Laser cutting technology wanted for our sheet metal shop",
                "We process sheet metal and want to introduce a fibre laser cutter with "
                "operator training.",
            ),
        },
    },
    "pipes": {
        "sectors": ["24", "25"],
        "offers": "CN",
        "description": {
            "zh": "公司生产碳钢和不锈钢弯头、法兰、三通等管件，产品用于石油、化工和供热管网。",
            "pl": "Zajmujemy się kształtkami rurowymi: kolanami, kołnierzami i trójnikami ze "
            "stali węglowej i nierdzewnej dla ciepłownictwa i chemii.",
            "hu": "Szénacél és rozsdamentes acél csőidomokkal, könyökökkel, karimákkal és "
            "T-idomokkal foglalkozunk távfűtési és vegyipari hálózatokhoz.",
            "en": "We work with carbon and stainless steel elbows, flanges and tees for district "
            "heating networks and the chemical industry.",
        },
        "offer": {
            "kind": Opportunity.Kind.BUSINESS_OFFER,
            "partnerships": ["distribution", "manufacturing"],
            "keywords": "EN 10253, ASTM A234, flanges, elbows",
            "zh": (
                "碳钢及不锈钢管件批量供货",
                "可按EN和ASTM标准供应各类管件，支持小批量订单和第三方检验。",
            ),
            "pl": (
                "Hurtowe dostawy kształtek ze stali węglowej i nierdzewnej",
                "Dostarczamy kształtki zgodne z normami EN i ASTM, także w małych partiach i z "
                "odbiorem przez stronę trzecią.",
            ),
            "hu": (
                "Szénacél és rozsdamentes csőidomok nagy tételben",
                "EN és ASTM szabvány szerinti csőidomokat szállítunk, kis tételben és független "
                "átvétellel is.",
            ),
            "en": (
                "Carbon and stainless steel pipe fittings in volume",
                "We supply fittings to EN and ASTM standards, also in small batches and with "
                "third-party inspection.",
            ),
        },
        "request": {
            "kind": Opportunity.Kind.BUSINESS_REQUEST,
            "partnerships": ["distribution"],
            "keywords": "EN 10253, flanges, elbows, district heating",
            "zh": (
                "寻找供热管网用管件供应商",
                "我们承接城市供热管网改造工程，需要符合EN标准的弯头和法兰。",
            ),
            "pl": (
                "Szukamy dostawcy kształtek do sieci ciepłowniczych",
                "Modernizujemy miejskie sieci ciepłownicze i potrzebujemy kolan oraz kołnierzy "
                "zgodnych z normami EN.",
            ),
            "hu": (
                "Csőidomok beszállítóját keressük távfűtési hálózatokhoz",
                "Városi távfűtési hálózatokat korszerűsítünk, és EN szabvány szerinti "
                "könyököket és karimákat keresünk.",
            ),
            "en": (
                "Supplier of fittings for district heating networks wanted",
                "We renew urban district heating networks and need elbows and flanges to EN "
                "standards.",
            ),
        },
    },
    "agriculture": {
        "sectors": ["01", "10"],
        "offers": "CEE",
        "description": {
            "zh": "我们从事农业种植和农产品加工，关注节水灌溉、温室技术和食品安全。",
            "pl": "Zajmujemy się uprawą i przetwórstwem owoców oraz warzyw, a także "
            "nawadnianiem kropelkowym i szklarniami.",
            "hu": "Gyümölcs- és zöldségtermesztéssel, feldolgozással, csepegtető öntözéssel és "
            "üvegházi technológiával foglalkozunk.",
            "en": "We grow and process fruit and vegetables and work with drip irrigation and "
            "greenhouse technology.",
        },
        "offer": {
            "kind": Opportunity.Kind.TECHNOLOGY_OFFER,
            "readiness": 8,
            "partnerships": ["licensing", "technical_cooperation"],
            "keywords": "drip irrigation, greenhouse, sensors",
            "zh": (
                "节水滴灌与温室控制技术转让",
                "我们的滴灌系统配有土壤湿度传感器，可节水三成，寻求许可生产合作伙伴。",
            ),
            "pl": (
                "Technologia nawadniania kropelkowego i sterowania szklarnią",
                "Nasz system z czujnikami wilgotności gleby oszczędza do 30% wody; szukamy "
                "partnera do produkcji na licencji.",
            ),
            "hu": (
                "Csepegtető öntözési és üvegházvezérlési technológia",
                "Talajnedvesség-érzékelős rendszerünk akár 30% vizet takarít meg; licencgyártó "
                "partnert keresünk.",
            ),
            "en": (
                "Drip irrigation and greenhouse control technology",
                "Our system with soil moisture sensors saves up to 30% of water; we seek a "
                "partner to make it under licence.",
            ),
        },
        "request": {
            "kind": Opportunity.Kind.TECHNOLOGY_REQUEST,
            "readiness": 7,
            "partnerships": ["licensing", "technical_cooperation"],
            "keywords": "drip irrigation, greenhouse, water saving",
            "zh": (
                "引进节水灌溉和智能温室技术",
                "我们在河北经营蔬菜基地，希望引进欧洲的滴灌和温室环境控制技术。",
            ),
            "pl": (
                "Szukamy technologii oszczędzania wody w uprawach",
                "Prowadzimy gospodarstwo warzywne i chcemy wdrożyć nawadnianie kropelkowe ze "
                "sterowaniem szklarnią.",
            ),
            "hu": (
                "Víztakarékos öntözési technológiát keresünk",
                "Zöldségtermesztő gazdaságot működtetünk, és csepegtető öntözést szeretnénk "
                "bevezetni üvegházvezérléssel.",
            ),
            "en": (
                "Water-saving irrigation technology wanted",
                "We run a vegetable farm and want to introduce drip irrigation with greenhouse "
                "climate control.",
            ),
        },
    },
    "logistics": {
        "sectors": ["52"],
        "offers": "CEE",
        "description": {
            "zh": "我们为中欧贸易企业提供仓储、报关和中欧班列货运服务，并帮助会员寻找合作伙伴。",
            "pl": "Świadczymy usługi magazynowe, celne i kolejowe na trasie Chiny–Europa oraz "
            "pomagamy firmom znaleźć partnerów.",
            "hu": "Raktározási, vámkezelési és vasúti szállítmányozási szolgáltatásokat nyújtunk "
            "a Kína–Európa útvonalon, és partnereket közvetítünk.",
            "en": "We provide warehousing, customs clearance and China–Europe rail freight, and "
            "help companies find partners.",
        },
        "offer": {
            "kind": Opportunity.Kind.BUSINESS_OFFER,
            "partnerships": ["commercial_agency", "distribution"],
            "keywords": "rail freight, bonded warehouse, customs",
            "zh": (
                "中东欧保税仓储与清关服务",
                "我们的保税仓库靠近铁路枢纽，可为中国出口企业提供清关、仓储和配送。",
            ),
            "pl": (
                "Magazyn celny i odprawa dla towarów z Chin",
                "Nasz magazyn celny przy terminalu kolejowym oferuje odprawę, składowanie i "
                "dystrybucję w Europie.",
            ),
            "hu": (
                "Vámraktározás és vámkezelés kínai áruknak",
                "Vasúti terminál melletti vámraktárunkban vámkezelést, tárolást és európai "
                "terítést kínálunk.",
            ),
            "en": (
                "Bonded warehousing and customs clearance for goods from China",
                "Our bonded warehouse next to a rail terminal offers clearance, storage and "
                "distribution across Europe.",
            ),
        },
        "request": {
            "kind": Opportunity.Kind.BUSINESS_REQUEST,
            "partnerships": ["commercial_agency"],
            "keywords": "rail freight, warehouse, customs",
            "zh": (
                "寻求中东欧仓储物流合作伙伴",
                "我们每月通过中欧班列发运货物，需要当地仓储、清关和末端配送服务。",
            ),
            "pl": (
                "Szukamy partnera logistycznego w Chinach",
                "Co miesiąc sprowadzamy towary koleją i potrzebujemy partnera do konsolidacji "
                "ładunków w Chinach.",
            ),
            "hu": (
                "Logisztikai partnert keresünk Kínában",
                "Havonta vasúton hozunk be árut, és partnert keresünk a kínai rakománygyűjtéshez.",
            ),
            "en": (
                "Logistics partner wanted for China–Europe rail freight",
                "We ship goods by rail every month and need local warehousing, customs "
                "clearance and delivery.",
            ),
        },
    },
    "research": {
        "sectors": ["72"],
        "offers": "CEE",
        "description": {
            "zh": "我们是理工科大学，在材料测试、传感器和医疗工程方面与企业开展联合研究。",
            "pl": "Jesteśmy uczelnią techniczną prowadzącą wspólne badania z firmami w zakresie "
            "materiałów, czujników i inżynierii medycznej.",
            "hu": "Műszaki egyetemként anyagvizsgálatban, szenzorokban és orvosi mérnöki "
            "területen folytatunk közös kutatást cégekkel.",
            "en": "We are a technical university doing joint research with companies on "
            "materials, sensors and medical engineering.",
        },
        "offer": {
            "kind": Opportunity.Kind.TECHNOLOGY_OFFER,
            "readiness": 5,
            "partnerships": ["research_cooperation", "licensing"],
            "keywords": "materials testing, sensors, laboratory",
            "zh": (
                "材料测试实验室对外开放合作",
                "学校认证实验室可为企业开展金属和复合材料的疲劳与腐蚀测试。",
            ),
            "pl": (
                "Laboratorium badań materiałowych dla firm",
                "Nasze akredytowane laboratorium wykonuje badania zmęczeniowe i korozyjne metali "
                "oraz kompozytów.",
            ),
            "hu": (
                "Anyagvizsgáló laboratórium cégeknek",
                "Akkreditált laboratóriumunk fémek és kompozitok fárasztó és korróziós "
                "vizsgálatát végzi.",
            ),
            "en": (
                "Materials testing laboratory open to companies",
                "Our accredited laboratory runs fatigue and corrosion tests on metals and "
                "composites.",
            ),
        },
        "request": {
            "kind": Opportunity.Kind.RD_REQUEST,
            "readiness": 3,
            "partnerships": ["research_cooperation"],
            "keywords": "sensors, joint research, Horizon Europe",
            "zh": (
                "寻求传感器领域联合研究伙伴",
                "我们希望与中东欧大学和企业共同申报传感器与智能制造方向的研究项目。",
            ),
            "pl": (
                "Szukamy partnerów do wspólnych badań nad czujnikami",
                "Chcemy razem z uczelniami i firmami z Chin przygotować projekt badawczy o "
                "czujnikach dla przemysłu.",
            ),
            "hu": (
                "Kutatási partnereket keresünk szenzorfejlesztéshez",
                "Kínai egyetemekkel és cégekkel közös kutatási pályázatot szeretnénk benyújtani "
                "ipari szenzorokról.",
            ),
            "en": (
                "Partners wanted for joint research on sensors",
                "We want to prepare a joint research project on industrial sensors with "
                "universities and companies.",
            ),
        },
    },
}

# A second opportunity: Chinese organisations offer to invest, CEE ones look for investors.
INVESTMENT = {
    "offer": {
        "kind": Opportunity.Kind.INVESTMENT_OFFER,
        "partnerships": ["investment", "joint_venture"],
        "keywords": "joint venture, assembly plant",
        "zh": (
            "愿在中东欧投资设立合资工厂",
            "我们计划在中东欧设立组装工厂，寻找有厂房和销售渠道的当地合资伙伴。",
        ),
        "pl": (
            "Zainwestujemy we wspólny zakład montażowy",
            "Planujemy zakład montażowy w Europie Środkowo-Wschodniej i szukamy wspólnika z "
            "halą i siecią sprzedaży.",
        ),
        "hu": (
            "Közös összeszerelő üzembe fektetnénk be",
            "Összeszerelő üzemet tervezünk Közép-Kelet-Európában, és csarnokkal, "
            "értékesítési hálózattal rendelkező partnert keresünk.",
        ),
        "en": (
            "Investment offered in a joint assembly plant",
            "We plan an assembly plant in Central and Eastern Europe and seek a local partner "
            "with premises and a sales network.",
        ),
    },
    "request": {
        "kind": Opportunity.Kind.INVESTMENT_REQUEST,
        "partnerships": ["investment", "joint_venture"],
        "keywords": "investor, joint venture, expansion",
        "zh": ("寻求投资扩大生产", "我们计划扩建生产线，欢迎战略投资者以合资方式参与。"),
        "pl": (
            "Szukamy inwestora na rozbudowę produkcji",
            "Chcemy rozbudować linię produkcyjną i zapraszamy inwestora strategicznego do "
            "wspólnego przedsięwzięcia.",
        ),
        "hu": (
            "Befektetőt keresünk a termelés bővítéséhez",
            "Bővíteni szeretnénk gyártósorunkat, és stratégiai befektetőt keresünk közös "
            "vállalkozásban.",
        ),
        "en": (
            "Investor wanted to expand production",
            "We want to extend our production line and invite a strategic investor into a "
            "joint venture.",
        ),
    },
}
