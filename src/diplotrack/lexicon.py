"""The word lists the rule table refers to, as plain data.

Each lexicon is a tuple of phrases. A phrase matches a run of words in the input,
case-insensitively, ignoring punctuation and hyphens between words ("think-tank" matches
"think tank") and simple plural endings ("ministers" matches "minister", "secretaries"
matches "secretary"). ``*`` stands for exactly one word ("without * mandate" matches
"without a mandate" and "without any mandate"). Where phrases overlap, the longest one
wins: "non-governmental experts" is a non-state phrase even though "governmental" alone
is not.

To extend a lexicon, pass ``lexicon={"nonstate_roles": ("peace journalists",)}`` to
:class:`diplotrack.RuleClassifier`; entries are added to the defaults (use
``replace_lexicon=True`` to replace them).

Examples
--------
>>> "foreign minister" in LEXICON["official_roles"]
True
"""

from __future__ import annotations

__all__ = ["LEXICON"]

_OFFICIAL_ROLES = (
    # heads of state and government
    "head of state", "heads of state", "head of government", "president", "vice president",
    "prime minister", "premier", "chancellor of germany", "german chancellor", "chancellor merkel",
    "chancellor kohl", "chancellor schmidt", "chancellor brandt", "king", "queen", "emir",
    "amir", "sultan", "crown prince", "monarch", "shah", "taoiseach", "first minister",
    "president of the republic", "presidential", "head of the government", "leader of the country",
    "world leader", "national leader", "leaders of the two countries", "both leaders",
    "the two leaders", "consular official", "consular officer", "consular staff", "consulate", "heads of government", "chief executive of hong kong",
    # ministers and ministries
    "minister", "ministerial", "deputy minister", "vice minister", "vice foreign minister",
    "foreign minister", "defence minister", "defense minister", "trade minister",
    "minister of foreign affairs", "minister for foreign affairs", "cabinet minister",
    "secretary of state", "foreign secretary", "defence secretary", "defense secretary",
    "secretary of defense", "secretary of defence", "under secretary", "undersecretary",
    "assistant secretary", "deputy assistant secretary", "deputy secretary",
    "permanent secretary", "cabinet secretary", "state secretary", "secretary for foreign affairs",
    "fm", "chief diplomat", "top diplomat", "foreign ministry", "ministry of foreign affairs",
    "ministry of defence", "ministry of defense", "ministry", "mfa", "mofa", "mod", "dfa",
    "state department", "department of state", "foreign office", "foreign and commonwealth office",
    "quai d orsay", "kremlin", "white house", "pentagon", "national security council", "nsc",
    "federal government", "the two governments",
    "administration official", "administration officials", 
    "government participation", "government involvement", "official participation",
    "official involvement", "government representation", "state participation",
    # diplomats and envoys
    "diplomat", "diplomatic corps", "diplomatic staff", "diplomatic official",
    "diplomatic delegation", "diplomatic representative", "career diplomat",
    "ambassador", "ambassador at large", "envoy", "special envoy", "presidential envoy",
    "special representative", "personal representative", "emissary", "charge d affaires",
    "chargé d affaires", "consul", "consul general", "attache", "attaché", "high commissioner",
    "plenipotentiary", "sherpa", "embassy", "embassies", "legation", "mission chief",
    "head of mission", "heads of mission", "head of delegation", "heads of delegation",
    "chief negotiator", "lead negotiator", "negotiator", "government negotiator",
    "political director", "director general", "director of the", "desk officer",
    # officials in general
    "officials!", "an official", "one official", "two officials", "senior official", "government official", "state official", "ministry official",
    "foreign ministry official", "mfa official", "defence official", "defense official",
    "military official", "security official", "intelligence official", "serving official",
    "active official", "government representative", "state representative",
    "official representative", "official delegation", "government delegation",
    "state delegation", "ministerial delegation", "government delegate",
    "representatives of the government", "representative of the government",
    "representatives of both governments", "civil servant", "bureaucrat", "policy official",
    "government team", "negotiating team", "official team",
    "national security adviser", "national security advisor", "nsa", "security adviser",
    "presidential adviser", "presidential advisor", "presidential aide", "foreign policy adviser",
    "foreign policy advisor", "spy chief", "intelligence chief", "head of intelligence",
    "intelligence officer", "intelligence service", "government spokesman",
    "government spokesperson", "foreign ministry spokesman", "foreign ministry spokesperson",
    # legislators
    "parliamentarian", "legislator", "lawmaker", "member of parliament", "members of parliament",
    "mp", "senator", "congressman", "congresswoman", "member of congress", "members of congress",
    "speaker of parliament", "parliamentary delegation", "deputy of the duma",
    "knesset member", "members of the knesset",
    # military
    "admiral", "military commander", "military officer", "military chief",
    "military leader", "military representative", "military delegation", 
    "chief of staff", "chief of the general staff", "chief of defence staff", "chiefs of staff",
    "defence chief", "defense chief", "army chief", "army officer", "navy chief",
    "air force chief", "dgmo", "director general of military operations", "colonel",
    "brigadier", "generals!", "army general", "major general", "lieutenant general",
    "brigadier general", "four star general", "serving officer", "active duty officer", "armed forces", 
    "defence attache", "defense attache", "military attache",
)

_OFFICIAL_ROLES_WEAK = (
    "government", "governments", "cabinet", "delegation", "delegations", "delegate",
    "authorities", "the authorities", "the administration", "commander", "the military",
    "military", "regime", "state", "states", "ministries", "officers!", "officer",
    "coast guard", "coast guards", "border guards", "police chiefs",
    "capital", "capitals",
)

_CONFLICT_PARTIES = (
    "rebel", "rebels", "rebel group", "rebel movement", "rebel leader", "rebel delegation",
    "rebel negotiator", "insurgent", "insurgent group", "guerrilla", "guerrillas",
    "guerrilla group", "guerrilla movement", "guerrilla delegation", "guerrilla commander",
    "armed group", "armed movement", "armed faction", "armed opposition", "militia",
    "liberation front", "liberation movement", "liberation army", "separatist",
    "separatist leader", "separatist movement", "farc", "eln", "ltte", "tamil tigers", "taliban",
    "milf", "mnlf", "moro islamic liberation front", "free aceh movement", "gam", "renamo",
    "frelimo", "splm", "spla", "splm a", "tplf", "hamas", "hezbollah", "plo",
    "palestine liberation organization", "palestine liberation organisation", "ira",
    "provisional ira", "eta", "pkk", "houthi", "houthis", "ansar allah", "m23", "lra",
    "lord s resistance army", "ruf", "unita", "swapo", "anc", "african national congress",
    "maoist", "maoists", "polisario", "polisario front", "rpf", "rwandan patriotic front",
    "opposition delegation", "opposition negotiator", "opposition representative",
    "opposition coalition", "opposition leader", "the opposition", "unitary platform",
    "rebel commander", "militant group", "jihadist group", "junta", "military junta",
    "de facto authorities", "transitional council", "armed movements", "signatory movements",
)

_INTERGOVERNMENTAL = (
    "united nations", "un", "u n", "un secretary general", "secretary general",
    "un envoy", "un special envoy", "un mediator", "un official", "un officials",
    "security council", "unsc", "general assembly", "african union", "au", "au commission",
    "osce", "csce", "igad", "european union", "eu", "european commission", "ecowas", "sadc",
    "asean", "arab league", "league of arab states", "oas", "organization of american states",
    "nato", "minsk group", "quartet", "commonwealth secretariat", "oic", "gulf cooperation council",
    "gcc", "eac", "east african community", "league of nations", "intergovernmental",
    "inter governmental", "member states", "member state", "states parties", "state parties",
    "the parties",
)

_NONSTATE_ROLES = (
    # scholarship and expertise
    "academic", "academics", "scholar", "professor", "researcher", "research fellow", "scientist",
    "analyst", "policy analyst", "security analyst", "non governmental expert",
    "nongovernmental expert", "independent expert", "outside expert", "private expert",
    "intellectual", "historian", "economist", "sociologist", "political scientist",
    "think tank", "think tanker", "think tank expert", "think tank analyst", 
    "research institute", "research centre",
    "research center", "policy institute", "academy of sciences",
    "practitioner", "conflict resolution practitioner", "conflict resolution specialist",
    "facilitator", "mediation organisation", "mediation organization", "peace researcher",
    "peacebuilder", "peace builder",
    # civil society
    "ngo", "ngos", "non governmental organisation", "non governmental organization",
    "nongovernmental organization", "nongovernmental organisation", "non governmental",
    "nongovernmental", "non state", "non state actor", "civil society", "civil society group",
    "civil society organisation", "civil society organization", "civil society leader",
    "civil society representative", "activist", "campaigner", "peace activist",
    "human rights defender", "advocacy group", "charity", "aid worker",
    "humanitarian organisation", "humanitarian organization", "red cross", "red crescent",
    "trade union", "unionist", "labour leader", "labor leader", "women s group",
    "women s organisation", "women s organization", "women leader", "women s leader",
    "women activist", "women peacebuilder", "women s network", "women s movement", 
    "grandmothers", "community leader", "community member", "community group",
    "community representative", "grassroots", "grassroots leader", "local leader",
    "tribal leader", "tribal elder", "traditional leader", "clan elder",
    "citizen", "private citizen", "ordinary citizen", "ordinary people",
    "villager", "farmer", "fisherman", "fishermen", "refugee", "diaspora",
    "veteran", "survivor", "victim", "volunteer", "youth", "youth leader",
    "young people", "young leader", "student", "students", "pupil", "schoolchildren",
    "teenager", "teacher", "educator", "scout", "scouts", "exchange student",
    "delegation of student", "delegation of scholar", "delegation of academic",
    "delegation of business", "delegation of artist", "delegation of athlete",
    "delegation of journalist", "delegation of religious", "delegation of veteran",
    "delegation of women", "delegation of youth", "delegation of civil", "delegation of ngo",
    "delegation of citizen", "delegation of scientist", "delegation of doctor",
    "delegation of musician", "delegation of writer", "delegation of expert",
    "student delegation", "business delegation", "youth delegation", "civil society delegation",
    "ngo delegation", "citizen delegation", "church delegation", "university delegation",
    "ngo official", "ngo officials", "party official", "club official", "union official",
    "league official", "church official", "university official", "foundation official",
    "olympic official", "company official", "bank official", "campus official",
    "charity official", "aid official", "federation official", "football official",
    # media and business
    "journalist", "editor", "reporter", "correspondent", "columnist", "commentator",
    "broadcaster", "media figure", "media representative", "media executive", "publisher",
    "business leader", "business people", "businesspeople", "business person",
    "businessman", "businessmen", "businesswoman", "businesswomen", "business executive",
    "business community", "business group", "entrepreneur", "industrialist",
    "banker", "investor", "ceo", "chief executive", "chamber of commerce",
    "corporation", "private sector",
    # faith
    "clergy", "clergyman", "cleric", "religious leader", "religious figure", "faith leader",
    "faith group", "faith community", "religious community", "interfaith", "bishop",
    "archbishop", "cardinal", "priest", "imam", "rabbi", "monk", "nun", "pastor", "minister of religion",
    "church leader", "churches", "mufti", "ulema", "sheikh", "patriarch",
    "quaker", "quakers", "sant egidio", "community of sant egidio", "mennonite",
    # culture, science, sport, health
    "artist", "musician", "orchestra", "singer", "choir", "dancer", "ballet",
    "writer", "poet", "novelist", "filmmaker", "film maker", "actor", "actress",
    "painter", "photographer", "athlete", "footballer",
    "cricketer", "table tennis player", "wrestler", "basketball player", "olympian",
    "coach", "sports team", "national team", "sportsmen", "doctor", "physician", "nurse",
    "surgeon", "medical professional", "health worker", "engineer", "architect", "lawyer",
    "jurist", "legal scholar", "physicist", "chemist", "biologist", "astronomer",
    "nobel laureate", "laureate", "programme officer", "program officer", "project officer",
    "ngo leader", "student leader", "student union leader", "union leader", "party leader",
    "opposition figure", "opinion maker", "opinion leader", "public figure", "university president", "president of the university",
    "foundation president", "president of the foundation", "club president",
    "federation president", "president of the federation", "institute president",
    "president of the institute", "chair of the foundation", "chairman of the foundation",
    # named non-governmental conveners
    "pugwash", "carter center", "crisis management initiative", "international crisis group",
    "crisis group", "centre for humanitarian dialogue", "center for humanitarian dialogue",
    "hd centre", "berghof", "conciliation resources", "search for common ground",
    "dartmouth conference", "aspen institute", "brookings", "rand", "iiss", "csis",
    "pacific forum", "chatham house", "carnegie", "carnegie endowment", "stimson center",
    "council on foreign relations", "east west institute", "ford foundation",
    "rockefeller foundation", "the elders", "seeds of peace", "quaker united nations office",
)

_NONSTATE_ROLES_WEAK = (
    "women", "family", "families", "team", "company", "companies", "firm", "church",
    "institute", "foundation", "university", "universities", "college", "academy", "expert",
    "specialist", "advocate", "chief", "chiefs", "elder", "elders", "executive", "author",
    "band", "resident", "player", "employers", "faculty", "museum", "mothers", "people",
    "individuals", "organisation", "organization", "centre", "center", "school", "hospital",
    "club", "association", "society",
)

_FORMER_BEFORE = (
    "former", "retired", "ex", "erstwhile", "one time", "onetime", "past", "emeritus",
    "previous", "then retired", "long retired", "recently retired", "semi retired",
)

_FORMER_AFTER = (
    "now retired", "since retired", "retired", "retd", "rtd", "who had retired",
    "who had left office", "who had left government", "who had left the service",
    "who had stepped down", "out of office", "out of government", "no longer in office",
    "no longer in government", "no longer serving", "no longer held office",
    "who held no office", "held no office", "who had resigned", "since resigned",
    "who once served", "who previously served", "who formerly served", "in retirement",
    "who had served as", "who served as",
)

_SERVING = (
    "serving", "current", "currently serving", "sitting", "incumbent", "active", "active duty",
    "then", "then serving", "in office", "still serving", "acting", "newly appointed",
)

_NEGATION_BEFORE = (
    "no", "not", "without", "without any", "none of the", "none of them", "none", "none was",
    "none were", "nobody", "no one", "neither", "nor", "never",
    "excluding", "exclusion of", "absence of", "not a single", "nobody from", "no one from",
    "barring", "with no", "free of", "lacked", "lacking", "minus",
)

_NEGATION_AFTER = (
    "invited but none", "invited but * declined", "invited but declined",
    "invited but did not", "invited but stayed away", "were absent", "was absent", "absent",
    "kept out", "kept away", "were excluded", "was excluded", "excluded", "were barred",
    "barred", "declined to attend", "declined to take part", "declined to participate",
    "declined to join", "declined to send", "declined the invitation", "stayed away",
    "did not attend", "did not take part", "did not participate", "did not join",
    "didn t attend", "didn t take part", "never attended", "boycotted",
    "refused to attend", "refused to take part", "refused to participate", "refused to join",
    "were not present", "was not present", "not present", "were not invited",
    "was not invited", "not invited", "were not involved", "not involved", "played no part",
    "played no role", "had no role", "took no part", "had no part", "were left out",
    "left out", "shut out", "sidelined", "did not show", "pulled out",
)

_CAPACITY = (
    "personal capacity", "private capacity", "individual capacity", "unofficial capacity",
    "informal capacity", "personal capacities", "private capacities", "individual capacities",
    "unofficial capacities", "own capacity", "as individuals", "as private individuals",
    "as private citizens", "in their own name", "in their own names", "own behalf",
    "not representing their government", "did not represent their government",
    "did not represent their governments", "not represent * government",
    "not represent their governments", "without attribution", "own names", "not representing their governments",
    "not representing * government", "not representing their country",
    "not representing their countries", "without representing their government",
    "not speaking for their government", "not speaking for their governments",
    "not speaking for * government", "not speaking on behalf of", "without speaking for",
    "without * mandate", "without a negotiating mandate", "no negotiating mandate",
    "no mandate", "without mandates", "without instructions", "without official instructions",
    "without formal instructions", "off the record", "chatham house rule",
    "chatham house rules", "not for attribution", "non attributable", "unattributable",
    "semi official", "semiofficial", "quasi official", "unofficially", "in an unofficial",
    "not in an official capacity", "not in their official capacity",
    "not as representatives", "rather than as representatives", "wearing their private hats",
    "in a private role", "hybrid dialogue", "hybrid format", "mixed official and unofficial",
    "officials and non officials", "official and non official", "unofficial participation",
)

_FORMAL = (
    "signed", "signing", "sign", "ratified", "ratification", "ratify", "treaty", "accord",
    "peace agreement", "ceasefire agreement", "cease fire agreement", "framework agreement",
    "final agreement", "comprehensive agreement", "bilateral agreement", "trade agreement",
    "agreement", "joint statement", "joint declaration", "joint communique",
    "joint communiqué", "communique", "communiqué", "memorandum of understanding", "mou",
    "protocol", "summit", "summit meeting", "state visit", "official visit", "working visit",
    "official talks", "official negotiations", "official meeting", "official capacity",
    "formal talks", "formal negotiations", "formal negotiation", "formal session",
    "formal meeting", "formal", "official!", "peace talks", "ceasefire talks", "cease fire talks",
    "armistice talks", "bilateral talks", "direct talks", "proximity talks", "exploratory talks",
    "negotiation", "negotiations", "negotiated", "negotiating", "negotiate", "round of talks",
    "rounds of talks", "round of negotiations", "plenary", "plenary session", "consultations",
    "bilateral consultations", "intergovernmental talks", "on the record", "negotiating mandate",
    "credentials", "diplomatic relations", "normalisation", "normalization",
    "normalise relations", "normalize relations", "ceasefire", "cease fire", "truce",
    "armistice", "arms control", "peace deal", "peace accord", "settlement", "secret channel",
    "back channel", "backchannel", "secret talks", "secret negotiations", "secret trip",
    "secret mission", "bilateral meeting", "bilateral", "ministerial meeting",
    "ministerial conference", "high level talks", "strategic dialogue", "foreign policy",
    "convention", "pact", "declaration", "resolution", "summit declaration", "mediation",
    "mediated", "state to state", "government to government", "intergovernmental",
    "on behalf of their government", "on behalf of the government", "instructed",
    "with a mandate", "mandated", "plenipotentiaries", "talks",
)

_INFORMAL = (
    "unofficial", "informal", "informally", "workshop", "dialogue", "roundtable", "round table",
    "seminar", "symposium", "conference", "forum", "retreat", "conversation", "conversations",
    "problem solving", "problem solving workshop", "closed door", "behind closed doors",
    "exchange of views", "brainstorm", "brainstorming", "people to people",
    "citizen diplomacy", "citizens diplomacy", "grassroots", "non official", "nonofficial",
    "second track", "candid", "frank", "sustained dialogue",
    "study group", "working group", "meeting series", "series of meetings",
    "annual meeting", "annual dialogue", "public diplomacy", "soft diplomacy", "fellowship",
    "residency", "programme", "program", "camp", "summer school", "study tour", "visit",
)

_PURPOSE_OFFICIAL = (
    "peace treaty", "peace settlement", "end the war", "end the conflict", "border agreement",
    "border demarcation", "trade deal", "arms control agreement", "non proliferation",
    "nuclear deal", "sanctions", "recognition", "diplomatic recognition", "establish relations",
    "restore relations", "restoration of relations", "resume relations", "prisoner exchange",
    "prisoner swap", "hostage release", "troop withdrawal", "withdrawal of troops",
    "disarmament", "demobilisation", "demobilization", "power sharing", "constitution",
    "elections", "security guarantees", "alliance", "defence cooperation", "defense cooperation",
    "military cooperation", "investment agreement", "loan", "aid package",
)

_PURPOSE_PEOPLE = (
    "reconciliation", "mutual understanding", "understanding between", "understanding among",
    "trust building", "build trust", "building trust", "confidence building",
    "relationship building", "build relationships", "building relationships",
    "cultural exchange", "cultural exchanges", "cultural programme", "cultural program",
    "cultural cooperation", "cultural festival", "cultural tour", "cultural diplomacy",
    "scientific exchange", "scientific exchanges", "scientific cooperation",
    "scientific collaboration", "science diplomacy", "academic exchange", "academic exchanges",
    "academic cooperation", "academic conference", "educational exchange",
    "educational exchanges", "student exchange", "exchange programme", "exchange program",
    "youth exchange", "sports diplomacy", "sport diplomacy", "sporting exchange",
    "sports exchange", "friendly match", "friendly", "tournament", "match", "concert", "tour",
    "exhibition", "film festival", "festival", "new thinking", "fresh ideas", "new ideas",
    "test ideas", "testing ideas", "conflict resolution", "peacebuilding", "peace building",
    "dialogue between citizens", "people to people", "coexistence", "healing", "joint research",
    "joint project", "joint study", "joint report", "policy recommendations", "recommendations",
    "research", "scholarship", "friendship", "twinning", "sister city", "sister cities",
    "pen pal", "joint concert", "interfaith dialogue", "dialogue between", "empathy",
    "humanising", "humanizing", "stereotypes", "prejudice", "relationships",
)

_ENGAGEMENT = (
    "talk", "talks", "met", "meet", "meeting", "meetings", "dialogue", "dialog", "summit",
    "visit", "visited", "conference", "workshop", "exchange", "exchanges", "consultation",
    "discussion", "discussions", "discuss", "discussed", "gathering", "gathered", "convened",
    "convene", "hosted", "host", "mediation", "mediated", "mediator", "facilitated",
    "facilitation", "agreement", "treaty", "accord", "roundtable", "forum", "signed",
    "session", "sessions", "retreat", "encounter", "channel", "rapprochement", "peace process",
    "diplomacy", "seminar", "symposium", "conversation", "contacts", "programme", "program",
    "delegation", "envoy", "mission", "communique", "memorandum", "ceasefire", "truce",
    "armistice", "negotiation", "negotiations", "negotiated", "negotiating", "initiative",
    "festival", "concert", "tour", "toured", "trip", "phone call", "telephone call", "video call",
    "videoconference", "held", "sat down", "came together", "brought together",
    "bringing together", "bring together", "joint", "cooperation", "partnership",
    "back channel", "backchannel", "round", "rounds", "process", "engagement", "engaged",
    "match", "tournament", "exhibition", "dinner", "lunch", "breakfast",
    "reception", "visited", "trip to", "travelled", "traveled", "hosting", "co chaired",
    "chaired", "co hosted", "co organised", "co organized", "organised", "organized",
    "convening", "participants", "took part", "participated", "attended", "joined",
    "study tour", "camp", "fellowship", "residency", "consultations", "summitry",
)

_BYSTANDER_AFTER = (
    "announced", "announces", "announce", "reported", "reports", "said", "says", "stated",
    "granted", "grants", "funded", "funds", "financed", "finances", "congratulated",
    "congratulates", "welcomed", "welcomes", "praised", "praises", "hailed", "hails",
    "encouraged", "encourages", "approved", "approves", "endorsed", "endorses", "denounced",
    "condemned", "criticised", "criticized", "knew of", "was briefed", "were briefed",
    "watched", "watch", "looked on", "cheered", "guest of honour", "guest of honor",
    "guests of honour", "from the stands", "in the audience", "as spectators", "as observers",
    "will not take part", "has no say", "later turned", "later adopted", "later discussed",
    "objected", "objections", "opposed", "banned", "arrested", "expelled",
)

_HOST_MARKERS = (
    "hosted by", "organised by", "organized by", "convened by", "sponsored by", "funded by",
    "run by", "with support from", "with funding from", "grant from", "grants from",
    "financial support of", "supported financially by", "watched by", "in the presence of",
    "under the auspices of", "at the invitation of", "co hosted by",
    "co organised by", "co organized by", "supported by", "financed by", "backed by",
    "held at", "at the headquarters of", "on the campus of", "administered by",
)

_BREAKERS = (
    "not only", "not just", "with", "alongside", "while", "whereas", "but", "together", "besides", "plus", "met",
    "meet", "meets", "joined", "join", "attended", "attend", "sat", "held", "hold", "signed",
    "talked", "spoke", "took", "take", "and serving", "and current", "as well as",
    "along with", "in addition to", "hosted", "convened", "invited", "welcomed", "received",
    "opposite", "across", "facing", "against", "versus", "vs", "who", "which", "where",
)

_BRANDING = (
    "track 1", "track one", "track i", "track 1 5", "track one and a half", "track 1 and a half",
    "track one point five", "track 2", "track two", "track ii", "track 3", "track three",
    "billed as", "branded as", "described as", "labelled as", "labeled as", "called itself",
    "calls itself", "presented as", "marketed as", "advertised as", "so called",
)

_META = (
    "obituary", "died", "passed away", "funeral", "syllabus", "course", "lecture", "module",
    "textbook", "book review", "review", "novel", "film", "documentary", "museum",
    "auction", "auctioned", "job", "vacancy", "applicants", "apply", "salary", "recipe",
    "weather", "forecast", "stock", "shares", "earnings", "quarterly", "traffic",
    "court", "fined", "sentenced", "arrested", "theft", "tourists", "tourism", "hotel",
    "restaurant", "menu", "ingredients", "rainfall", "temperatures", "index", "market",
    "markets", "price", "prices", "sale", "discount", "smartphone", "product", "launch",
    "budget", "tax", "taxes", "box office", "premiere", "exhibit", "biography", "memoir",
    "chapter", "students will", "essay", "exam", "definition", "defined as", "refers to",
    "is a term", "the term", "concept", "theory",
)

LEXICON: dict[str, tuple[str, ...]] = {
    "official_roles": _OFFICIAL_ROLES,
    "official_roles_weak": _OFFICIAL_ROLES_WEAK,
    "conflict_parties": _CONFLICT_PARTIES,
    "intergovernmental": _INTERGOVERNMENTAL,
    "nonstate_roles": _NONSTATE_ROLES,
    "nonstate_roles_weak": _NONSTATE_ROLES_WEAK,
    "former_before": _FORMER_BEFORE,
    "former_after": _FORMER_AFTER,
    "serving": _SERVING,
    "negation_before": _NEGATION_BEFORE,
    "negation_after": _NEGATION_AFTER,
    "capacity": _CAPACITY,
    "formal": _FORMAL,
    "informal": _INFORMAL,
    "purpose_official": _PURPOSE_OFFICIAL,
    "purpose_people": _PURPOSE_PEOPLE,
    "engagement": _ENGAGEMENT,
    "host_markers": _HOST_MARKERS,
    "bystander_after": _BYSTANDER_AFTER,
    "breakers": _BREAKERS,
    "branding": _BRANDING,
    "meta": _META,
}
