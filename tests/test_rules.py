"""The rule classifier against the labelling guideline (shared/DOMAIN.md).

Every case below is labelled from the guideline, not from what the rules output. Each
case also names the words that must carry the verdict: counted officials and non-state
participants, capacity cues, and participants discarded as former or negated. The test
checks that the explanation quotes them and that the evidence records them with the
right status and field.
"""

from __future__ import annotations

import json
import pickle
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import diplotrack
from diplotrack import Decision, Rule, RuleClassifier, Track, Verdict
from diplotrack.engagement import FIELDS, as_engagement
from diplotrack.verdict import LABELS

T1, T15, T2 = "Track 1", "Track 1.5", "Track 2"


@dataclass(frozen=True)
class Case:
    """One guideline case and the words of the input that must decide it."""

    input: str | dict
    track: str | None
    officials: tuple[str, ...] = ()
    nonstate: tuple[str, ...] = ()
    former: tuple[str, ...] = ()
    negated: tuple[str, ...] = ()
    capacity: tuple[str, ...] = ()


def case(id, input, track, **words):
    return pytest.param(Case(input, track, **{k: tuple(v) for k, v in words.items()}), id=id)


def _quoted(explanation: str) -> list[str]:
    return [q.lower() for q in re.findall(r'"([^"]*)"', explanation)]


def _section(explanation: str, keyword: str) -> list[str]:
    """Quotes in the explanation's group whose title mentions ``keyword`` (e.g. 'former')."""
    out = []
    for m in re.finditer(r'([A-Z][^:."]*): ((?:"[^"]*"(?: \(\w+\))?(?:, | and \d+ more)?)+)', explanation):
        if keyword in m.group(1).lower():
            out += _quoted(m.group(2))
    return out


def _field_of(case: Case, phrase: str) -> str:
    if isinstance(case.input, str):
        return "description"
    for name in FIELDS:
        if phrase.lower() in (case.input.get(name) or "").lower():
            return name
    raise AssertionError(f"test bug: {phrase!r} is not in the input")


def _evidence_for(verdict: Verdict, phrase: str, kind: str, field: str):
    return [e for e in verdict.evidence
            if e.kind == kind and e.field == field and phrase.lower() in e.text.lower()]


def check_case(clf: RuleClassifier, c: Case) -> Verdict:
    v = clf.classify(c.input)
    assert v.label == (c.track or "none"), v.explanation
    assert v.method == "rules"
    quotes = _quoted(v.explanation)

    def quoted(phrase):
        return any(phrase.lower() in q for q in quotes)

    # A non-state participant swept into a nearby "former" still counts as non-state;
    # test_nonstate_participants_are_not_reported_as_former checks that separately.
    groups = (
        (c.officials, "participant", ("counted",), T1),
        (c.nonstate, "participant", ("counted", "former"), T2),
        (c.former, "participant", ("former",), None),
        (c.negated, "participant", ("negated",), None),
        (c.capacity, "capacity", ("counted",), None),
    )
    for phrases, kind, status, supports in groups:
        for phrase in phrases:
            assert quoted(phrase), f"{phrase!r} is not quoted in: {v.explanation}"
            field = _field_of(c, phrase)
            found = _evidence_for(v, phrase, kind, field)
            statuses = sorted({(e.status, e.supports) for e in found})
            assert any(e.status in status and (supports is None or e.supports == supports)
                       for e in found), (
                f"{phrase!r} ({field}) should be {kind} evidence with status {status[0]!r}"
                f"{f' supporting {supports}' if supports else ''}; found {statuses}. {v.explanation}"
            )
    for phrase in c.former:
        assert any(phrase.lower() in q for q in _section(v.explanation, "former")), v.explanation
    for phrase in c.negated:
        assert any(phrase.lower() in q for q in _section(v.explanation, "negat")), v.explanation
    return v


SERVING_VS_NONSTATE = [
    case("once-opening-a-clause-is-no-former",
         "Once the two foreign ministers had arrived in Geneva, the talks on the border treaty "
         "began; they signed it at dawn on 4 May.",
         T1, officials=["foreign ministers"]),
    case("india-pakistan-nuclear-installations-agreement",
         "The foreign ministers of India and Pakistan met in Islamabad and signed an agreement on the "
         "prohibition of attacks against nuclear installations.",
         T1, officials=["foreign ministers"]),
    case("readout-consultations-joint-statement",
         "Deputy Assistant Secretary of State for East Asian and Pacific Affairs held consultations in "
         "Tokyo with the Director General of the MOFA North American Affairs Bureau; the two sides issued "
         "a joint statement.",
         T1, officials=["Deputy Assistant Secretary"]),
    case("camp-david-1978",
         "At Camp David in September 1978, President Carter hosted Egyptian President Sadat and Israeli "
         "Prime Minister Begin for thirteen days of negotiations that produced the Camp David Accords.",
         T1, officials=["Prime Minister"]),
    case("parliamentary-delegation",
         "A parliamentary delegation led by the Speaker of the Lok Sabha held talks with members of the "
         "National Assembly of Pakistan in Islamabad.",
         T1, officials=["parliamentary delegation"]),
    case("dgmo-hotline-ceasefire",
         "The directors general of military operations of India and Pakistan spoke over the hotline and "
         "agreed to observe the 2003 ceasefire.",
         T1, officials=["directors general of military operations"]),
    case("think-tank-host-ministers-official",
         "Hosted by the Brookings Institution, the foreign ministers of Japan and South Korea held a "
         "bilateral meeting and issued a joint statement on export controls.",
         T1, officials=["foreign ministers"]),
    case("attorney-general-with-church-leaders",
         "Kenya's Attorney General met church leaders and elders of the Nandi and Kipsigis "
         "communities in Nakuru on Monday to discuss a settlement of the land disputes.",
         T15, officials=["Attorney General"], nonstate=["church leaders"]),
    case("solicitor-and-surgeon-general-at-a-roundtable",
         "The Solicitor General and the Surgeon General joined public-health academics from Canada "
         "and the United States at a two-day roundtable in Ottawa on cross-border opioid policy.",
         T15, officials=["Solicitor General", "Surgeon General"], nonstate=["academics"]),
    case("under-secretary-general-briefs-ngos",
         "Under-Secretary-General Rosemary DiCarlo met women peacebuilders and NGO leaders from "
         "Yemen in Amman on Tuesday to hear their proposals for the truce talks.",
         T15, officials=["Under-Secretary-General"], nonstate=["peacebuilders"]),
    case("secretary-of-the-navy-with-scholars",
         "The Secretary of the Navy joined maritime scholars and shipping executives from "
         "Japan and the Philippines at a closed workshop in Manila on 3 March.",
         T15, officials=["Secretary of the Navy"], nonstate=["scholars"]),
    case("rabbis-and-muftis-plural",
         "Rabbis and muftis from Jerusalem and Hebron met for a two-day retreat in Cyprus in "
         "March to draft a joint appeal against attacks on holy sites.",
         T2, nonstate=["Rabbis", "muftis"]),
    case("institution-official-met",
         "A State Department official met Sudanese women's groups, lawyers and resistance-"
         "committee members in Nairobi on Thursday to hear their views on the transition.",
         T15, officials=["official"], nonstate=["women's groups", "lawyers"]),
    case("presidents-telephone-call",
         "The two presidents spoke by telephone and agreed to reopen their embassies.",
         T1, officials=["presidents"]),
    case("organiser-page-water-dialogue",
         "The Institute for Peace and Conflict Studies convened its annual dialogue on water sharing in "
         "the Indus basin. Participants included scholars, journalists, environmental activists and "
         "business leaders from both countries.",
         T2, nonstate=["scholars", "journalists", "business leaders"]),
    case("journalists-workshop-tbilisi",
         "Armenian and Azerbaijani journalists met in Tbilisi for a week-long workshop on covering the "
         "conflict without stereotypes.",
         T2, nonstate=["journalists"]),
]

FORMER = [
    case("once-before-an-office",
         "The Aegean circle met again in Izmir in May. Eleni Markou, once her country's permanent "
         "representative to NATO, and Murat Aksoy, once ambassador in Athens, led the two sides, "
         "which included two historians and an economist.",
         T2, former=["once her country's permanent representative", "once ambassador"],
         nonstate=["historians", "economist"]),
    case("retired-ambassador-named-again-by-title",
         "A small private circle met in Fukuoka and Busan from 2014. Its members included Ambassador "
         "Takeshi Morita, who had retired from the foreign ministry, and two historians from Busan. "
         "Ambassador Morita chaired the sessions on fisheries.",
         T2, former=["Ambassador Takeshi Morita, who had retired", "Ambassador Morita"],
         nonstate=["historians"]),
    case("honorific-kept-with-a-former-apposition",
         "A think tank in Nairobi hosted a half-day roundtable. Among the participants were H.E. "
         "Ambassador Abdi Farah, a former permanent representative to the United Nations, a retired "
         "Kenyan major general, two scholars and a journalist.",
         T2, former=["former permanent representative", "retired Kenyan major general"],
         nonstate=["scholars"]),
    case("retired-generals-and-scholars",
         "Retired generals and scholars from India and Pakistan met in Bangkok for a workshop on nuclear "
         "risk reduction.",
         T2, former=["generals"], nonstate=["scholars"]),
    case("former-president-now-foundation-chair",
         "A former president, now chair of a foundation, led a delegation of academics to Pyongyang to "
         "discuss humanitarian cooperation.",
         T2, former=["former president"], nonstate=["academics"]),
    case("ex-ministers-who-held-no-office",
         "Ex-ministers who held no office at the time joined journalists for a conversation on the border "
         "dispute.",
         T2, former=["ministers"], nonstate=["journalists"]),
    case("news-ex-ambassadors-in-tehran",
         "Two ex-ambassadors, a retired admiral and a former national security adviser travelled to Tehran "
         "for private conversations with Iranian scholars, the newspaper reported.",
         T2, former=["ambassadors", "admiral", "national security adviser"], nonstate=["scholars"]),
    case("organiser-page-senior-former-officials",
         "The Stimson Center convened the latest round of its South Asia dialogue in Colombo, focused on "
         "crisis stability and confidence-building measures. Participants were senior former officials, "
         "scholars, journalists and business leaders from both countries.",
         T2, former=["officials"], nonstate=["scholars", "journalists"]),
    case("name-plus-past-role",
         "Among those at the closed-door meeting in Doha were researchers from Kabul and Islamabad "
         "universities and Riaz Mohammad Khan, who served as Pakistan's foreign secretary until 2008.",
         T2, nonstate=["researchers"]),
    case("dataset-row-retd-abbreviation",
         {"description": "Dialogue in Istanbul, 2019.",
          "participants": "retd. ambassadors; former MoD officials; university professors",
          "formality": "informal", "purpose": "exchange of views"},
         T2, former=["ambassadors", "MoD"], nonstate=["professors"]),
    case("serving-diplomats-and-retired-generals",
         "Serving diplomats and retired generals from India and Pakistan met with scholars in Dubai for an "
         "informal dialogue.",
         T15, officials=["diplomats"], former=["generals"], nonstate=["scholars"]),
    case("ambassadors-and-a-retired-general-signed",
         "The ambassadors of both countries and a retired general signed the protocol on behalf of their "
         "governments.",
         T1, officials=["ambassadors"], former=["general"]),
    case("then-secretary-of-state-is-serving",
         "Then-Secretary of State Madeleine Albright travelled to Pyongyang in October 2000 for talks "
         "with Kim Jong Il.",
         T1, officials=["Secretary of State"]),
]

NEGATED = [
    case("no-other-official-denies-only-the-others",
         "Sixty teenagers from villages on both sides of the border spent ten days at a summer camp "
         "run by a youth NGO. The regional governor opened the camp on the first morning and spoke "
         "to the children; no other official took part, and the neighbouring authorities sent "
         "nobody.",
         T15, officials=["governor"], nonstate=["teenagers"], negated=["no other official"]),
    case("officials-outweighed-by-a-stated-absence",
         "The forum was meant to bring herders, hunters' associations and climate scientists together "
         "with government representatives. In the event the invited ministries declined to send anyone, "
         "and the two days in Tromso became a conversation among scientists and indigenous "
         "organisations.",
         T2, negated=["ministries declined to send anyone"], nonstate=["scientists"]),
    case("a-phrase-does-not-run-across-a-sentence-break",
         "Our workshop gathered retired generals who fought on opposite sides, all long out of "
         "government. Participants drafted a joint appeal for veterans' associations.",
         T2, former=["retired generals"], nonstate=["veterans"]),
    case("oslo-academics-no-officials",
         "Israeli and Palestinian academics met secretly near Oslo; no government officials took part.",
         T2, nonstate=["academics"], negated=["officials"]),
    case("officials-invited-but-none-attended",
         "Government officials were invited but none attended the workshop, which brought together NGO "
         "leaders and historians from both sides.",
         T2, negated=["officials"], nonstate=["NGO leaders", "historians"]),
    case("civil-society-kept-out-of-formal-sessions",
         "The two governments negotiated the ceasefire in Doha; civil-society groups were kept out of the "
         "formal sessions.",
         T1, officials=["governments"], negated=["civil-society"]),
    case("no-government-representatives-cyprus",
         "No government representatives took part in the two-day retreat of women peacebuilders from "
         "Cyprus's two communities.",
         T2, negated=["government representatives"], nonstate=["peacebuilders"]),
    case("without-any-official-participation",
         "The meeting was held without any official participation: it brought together lawyers, doctors "
         "and teachers from both sides of the line of contact.",
         T2, negated=["official participation"], nonstate=["lawyers", "teachers"]),
    case("journalists-excluded-from-talks",
         "The defence ministers of the two countries met in Moscow to agree on a ceasefire; journalists "
         "and NGOs were excluded from the talks.",
         T1, officials=["defence ministers"], negated=["journalists", "NGOs"]),
    case("ministers-expected-but-no-serving-officials",
         "Although ministers had been expected, no serving officials attended the Istanbul roundtable of "
         "economists and bankers.",
         T2, negated=["serving officials"], nonstate=["economists", "bankers"]),
    case("structured-no-government-officials",
         {"description": "Round table in Vienna.",
          "participants": "academics, NGO leaders; no government officials",
          "formality": "closed-door", "purpose": "confidence building"},
         T2, nonstate=["academics"], negated=["government officials"]),
    # A relative clause belongs to the role just before it: the minister stayed away, the
    # deputy minister and the director took part (rule 3 reaches only the role the clause is
    # about), so scholars met serving officials.
    case("relative-clause-negates-only-the-role-before-it",
         "Accra, 14 March 2019. Economists from the University of Ghana and the Institute of "
         "Economic Affairs discussed regional trade rules at a one-day roundtable. Ghana's "
         "Deputy Minister of Trade and the director of the ministry's trade policy unit spoke "
         "in place of the Minister, Alan Kyerematen, who could not come, and stayed for the "
         "afternoon discussion.",
         T15, officials=["Deputy Minister", "director of the ministry"], negated=["could not come"],
         nonstate=["Economists"]),
    # A series' rule said in the present tense is a denial, like "did not attend".
    case("officials-who-do-not-attend-a-series",
         "The Bridge Circle brings together young Greek Cypriots and Turkish Cypriots every "
         "month in the buffer zone; twenty students and youth workers took part in the March "
         "session on shared heritage. The foreign ministry funds the venue, but officials of "
         "the ministry do not attend the sessions.",
         T2, negated=["do not attend"], nonstate=["students"]),
]

CAPACITY = [
    case("people-from-the-ministry-speaking-for-themselves",
         "Our monthly migration roundtable in Tangier had its usual lawyers and a researcher from the "
         "university, and this time two people from the interior ministry who said they spoke for "
         "themselves.",
         T15, officials=["people from the interior ministry"], capacity=["spoke for themselves"],
         nonstate=["lawyers"]),
    case("engineers-of-the-boundary-commission-attending-unofficially",
         "A university consortium hosted informal exchanges where engineers from both sections of the "
         "boundary commission, attending unofficially, sat with farmers and environmental groups.",
         T15, officials=["engineers from both sections of the boundary commission"],
         capacity=["unofficially"], nonstate=["farmers"]),
    case("personal-capacity-alongside-analysts",
         "Serving foreign ministry officials attended in their personal capacity alongside think-tank "
         "analysts and retired military officers.",
         T15, officials=["foreign ministry"], capacity=["personal capacity"],
         nonstate=["think-tank analysts"], former=["military officers"]),
    case("private-capacity-chatham-house",
         "Deputy ministers took part in a private capacity in a closed-door meeting with scholars under "
         "the Chatham House rule.",
         T15, officials=["Deputy ministers"], capacity=["private capacity", "Chatham House rule"],
         nonstate=["scholars"]),
    case("without-negotiating-mandate",
         "Officials from both foreign ministries joined the discussion without a negotiating mandate, "
         "together with non-governmental experts.",
         T15, capacity=["without a negotiating mandate"], nonstate=["non-governmental experts"]),
    case("organiser-page-private-capacities",
         "The Pacific Forum hosted the 12th round of its trilateral dialogue in Honolulu. The discussions "
         "covered maritime security, nuclear policy and economic coercion. Government officials attended "
         "in their private capacities, and all remarks were off the record.",
         T15, capacity=["private capacities", "off the record"]),
    case("without-instructions-off-the-record",
         "Serving officials from Washington and Beijing, who took part without instructions from their "
         "capitals, joined retired generals and nuclear experts for two days of off-the-record discussion.",
         T15, capacity=["without instructions", "off-the-record"], former=["generals"]),
    case("dataset-row-personal-capacity",
         {"description": "Seoul; March 2018.",
          "participants": "MOFA director-general (personal capacity); KINU researchers; journalists",
          "formality": "off the record", "purpose": "exchange of views on denuclearisation"},
         T15, officials=["MOFA"], capacity=["personal capacity", "off the record"],
         nonstate=["researchers", "journalists"]),
    case("semi-official-news-story",
         "In what was described as a semi-official meeting, a serving vice foreign minister sat down with "
         "retired diplomats and academics in Beijing to test ideas for resuming talks.",
         T15, officials=["vice foreign minister"], capacity=["semi-official"], former=["diplomats"]),
    case("speaking-in-personal-capacity-over-dinner",
         "Two foreign ministry officials, speaking only in a personal capacity, and a dozen academics met "
         "over dinner in Seoul.",
         T15, capacity=["personal capacity"], nonstate=["academics"]),
    case("not-representing-their-governments",
         "Senior officials from the Indian and Chinese foreign ministries, not representing their "
         "governments, joined scholars and retired diplomats at a closed-door border dialogue in Kunming.",
         T15, capacity=["not representing their governments"], nonstate=["scholars"], former=["diplomats"]),
    case("strategic-nuclear-dynamics-dialogue",
         "The China-U.S. Strategic Nuclear Dynamics Dialogue brought together think-tank experts, retired "
         "officials and active government officials in an unofficial setting.",
         T15, nonstate=["think-tank"], former=["officials"]),
]

MIXED_FORUMS = [
    # Offices held by one person under their own titles (guideline rule 11).
    case("speaker-of-the-national-assembly",
         "The Speaker of the National Assembly met the board of the chamber of commerce and two "
         "economists in Lusaka to discuss the draft investment law.",
         T15, officials=["Speaker of the National Assembly"], nonstate=["economists"]),
    case("state-councillor-with-scholars",
         "State Councillor Wang Yi spent an evening with scholars and journalists from both countries "
         "at a closed-door dialogue in Beijing.",
         T15, officials=["State Councillor"], nonstate=["scholars", "journalists"]),
    case("us-trade-representative-with-business",
         "US Trade Representative Katherine Tai met business leaders and trade economists from both "
         "countries at a roundtable in Nairobi on the renewal of the trade preferences.",
         T15, officials=["US Trade Representative"], nonstate=["business leaders"]),
    case("who-takes-part-heading-lists-the-participants",
         "Water Futures Forum 2024, Geneva, 3-4 June. The forum asks how river basins can be shared "
         "as glaciers retreat. Who takes part: leaders of farmers' unions; water ministers of the "
         "riparian states and their officials; researchers; members of environmental NGOs.",
         T15, officials=["ministers"], nonstate=["researchers"]),
    case("deputy-minister-opened-the-dialogue",
         "Regional Water Futures Dialogue, Almaty. The fourth round was opened by the Deputy Minister of "
         "Foreign Affairs of Kazakhstan, who then stayed for the discussion with hydrologists and "
         "economists from the five Central Asian states.",
         T15, officials=["Deputy Minister"], nonstate=["hydrologists", "economists"]),
    case("participants-listed-without-a-meeting-word",
         "Putin used the conference to attack Washington. Facing him in the ballroom sat defence "
         "ministers, lawmakers, scholars, journalists and security analysts from across the region.",
         T15, officials=["defence ministers", "lawmakers"], nonstate=["scholars", "journalists"]),
    case("shangri-la-dialogue",
         "Defence ministers from across Asia shared the stage with scholars, journalists and business "
         "leaders at the Shangri-La Dialogue security conference.",
         T15, officials=["Defence ministers"], nonstate=["scholars", "journalists"]),
    case("munich-security-conference",
         "Heads of government, foreign ministers and defence ministers joined think-tank analysts, "
         "journalists and business executives at the annual security conference in Munich.",
         T15, officials=["foreign ministers"], nonstate=["think-tank analysts", "journalists"]),
    case("serving-officers-at-security-conference",
         "Serving military officers from NATO countries and Russia joined academics and journalists at a "
         "security conference in Moscow.",
         T15, officials=["military officers"], nonstate=["academics"]),
    case("organiser-page-technology-conference",
         "The Council on Foreign Relations and its Indian counterpart held their annual conference in New "
         "Delhi on technology and security. Speakers included India's minister of external affairs, "
         "members of parliament, scholars and technology entrepreneurs.",
         T15, officials=["members of parliament"], nonstate=["scholars", "entrepreneurs"]),
]

ARMED_GROUPS = [
    case("farc-final-agreement-havana",
         "The government delegation and the FARC negotiating team signed the final peace agreement in "
         "Havana.",
         T1, officials=["government delegation", "FARC"]),
    case("milf-formal-talks-kuala-lumpur",
         "Delegations of the Philippine government and the Moro Islamic Liberation Front held formal peace "
         "talks in Kuala Lumpur.",
         T1, officials=["Moro Islamic Liberation Front"]),
    case("cpa-under-igad-mediation",
         "Under IGAD mediation, the Sudanese government and the SPLM/A negotiated the Comprehensive Peace "
         "Agreement, which was signed in Naivasha in 2005.",
         T1, officials=["IGAD", "SPLM"]),
    case("eln-talks-quito",
         "Government negotiators and the ELN delegation opened formal peace talks in Quito, with Norway "
         "and Cuba as guarantors.",
         T1, officials=["negotiators", "ELN"]),
    case("armed-group-meets-clerics-without-government",
         # No government across the table: the armed group is one more non-state participant.
         "A delegation of the Moro National Liberation Front met Muslim clerics and academics in Cairo.",
         T2, nonstate=["clerics", "academics"]),
    case("taliban-intra-afghan-negotiations",
         "In Doha, the Taliban's negotiating team and representatives of the Afghan government began "
         "intra-Afghan negotiations in September 2020.",
         T1, officials=["Taliban"]),
]

SECRET_CHANNELS = [
    case("kissinger-secret-trip-1971",
         "National Security Adviser Henry Kissinger made a secret trip to Beijing in 1971 to negotiate "
         "with Premier Zhou Enlai.",
         T1, officials=["National Security Adviser"]),
    case("oslo-official-stage-1993",
         "In 1993 Israeli Foreign Ministry director-general Uri Savir and PLO officials negotiated in "
         "Norway, turning the secret channel into official negotiations that led to the Oslo Accords.",
         T1, officials=["Foreign Ministry", "PLO"]),
    case("us-cuba-secret-talks",
         "Over eighteen months, White House officials and representatives of the Cuban government held "
         "secret talks in Canada and negotiated a prisoner exchange.",
         T1, officials=["White House"]),
    case("oman-back-channel",
         "According to people familiar with the matter, the Iranian deputy foreign minister and a senior "
         "White House official met secretly in Oman to negotiate an interim nuclear deal.",
         T1, officials=["deputy foreign minister"]),
]

PEOPLE_TO_PEOPLE = [
    case("west-eastern-divan-tour",
         "Young Israeli and Arab musicians of the West-Eastern Divan Orchestra toured Europe together, "
         "rehearsing and performing side by side.",
         T2, nonstate=["musicians"]),
    case("ping-pong-1971",
         "American table tennis players visited China in 1971 at the invitation of the Chinese team.",
         T2, nonstate=["table tennis players"]),
    case("chess-players-friendly-tournament",
         "Chess players from Armenia and Turkey met over three rounds of a friendly tournament in Kars, "
         "the first such match across the closed border.",
         T2, nonstate=["Chess players"]),
    case("academies-scientific-exchange",
         "Scientists from the two academies of sciences held a scientific exchange on earthquake "
         "prediction.",
         T2, nonstate=["Scientists"]),
    case("sister-city-students",
         "High school students from Hiroshima spent two weeks with host families in Honolulu as part of a "
         "sister-city exchange programme.",
         T2, nonstate=["students"]),
    case("womens-cricket-friendly",
         "A women's cricket team from Pakistan played a friendly match against an Indian club side in "
         "Amritsar, cheered by fans from both countries.",
         T2),
    case("pugwash-scientists",
         "The Pugwash Conferences brought together scientists from East and West to discuss the dangers of "
         "nuclear weapons.",
         T2, nonstate=["scientists"]),
    case("joint-mountaineering-expedition",
         "Fourteen Indian and Pakistani mountaineers climbed together on the Siachen glacier to call for "
         "its demilitarisation.",
         T2),
    case("dartmouth-conference",
         "The Dartmouth Conference convened Soviet and American citizens, among them writers, scientists "
         "and former officials, for frank conversations.",
         T2, nonstate=["citizens", "writers"], former=["officials"]),
    case("film-festival-kathmandu",
         "Indian and Pakistani filmmakers screened each other's documentaries at a joint film festival in "
         "Kathmandu.",
         T2, nonstate=["filmmakers"]),
]

SELF_DESCRIPTION = [
    case("billed-track-2-with-serving-deputy-ministers",
         "Billed as a Track 2 dialogue, the meeting was attended by serving deputy foreign ministers in an "
         "unofficial capacity, alongside scholars from both countries.",
         T15, officials=["deputy foreign ministers"], nonstate=["scholars"]),
    case("billed-high-level-only-former-ministers",
         "Billed as a high-level dialogue, the meeting brought together only former foreign ministers and "
         "retired ambassadors.",
         T2, former=["foreign ministers", "ambassadors"]),
    case("called-track-1-5-only-academics",
         "The organisers called it a Track 1.5 meeting, but only academics and NGO staff attended.",
         T2, nonstate=["academics"]),
    case("so-called-track-1-summit-of-retirees",
         "The so-called Track 1 summit was in fact a gathering of retired ambassadors and think-tank "
         "scholars.",
         T2, former=["ambassadors"], nonstate=["scholars"]),
    case("billed-people-to-people-but-ministers-signed",
         "Although billed as an informal people-to-people event, the meeting was attended by the two "
         "foreign ministers, who signed a memorandum of understanding.",
         T1, officials=["foreign ministers"]),
]

STRUCTURED = [
    case("terse-geneva-with-fields",
         {"description": "Talks in Geneva.",
          "participants": "deputy foreign ministers; official delegations",
          "formality": "formal negotiation", "purpose": "conclude an arms control agreement"},
         T1, officials=["deputy foreign ministers", "official delegations"]),
    case("terse-nicosia-workshop-with-fields",
         {"description": "Workshop, Nicosia, 2004.",
          "participants": "Greek Cypriot and Turkish Cypriot teachers and historians",
          "formality": "informal", "purpose": "reconciliation; joint history textbook"},
         T2, nonstate=["teachers", "historians"]),
    case("abbreviations-fm-nsa",
         {"description": "Meeting, New Delhi.", "participants": "FM; NSA; MFA officials",
          "formality": "official", "purpose": "border agreement"},
         T1, officials=["FM", "NSA"]),
    case("fields-only-physicians-exchange",
         {"description": "", "participants": "Soviet and American physicians",
          "formality": None, "purpose": "professional exchange on preventing nuclear war"},
         T2, nonstate=["physicians"]),
]

NON_ENGAGEMENTS = [
    case("weather", "Heavy rain is forecast across the region tomorrow, with temperatures dropping to "
         "5 degrees.", None),
    case("markets", "Shares in the company rose 4% after quarterly earnings beat market expectations.", None),
    case("recipe", "Preheat the oven to 180 degrees, mix the flour, sugar and butter, and bake for 25 "
         "minutes.", None),
    case("obituary", "The former ambassador died on Tuesday at the age of 91; he is survived by his wife "
         "and three children.", None),
    case("empty-string", "", None),
    case("whitespace", "  \n\t  ", None),
    case("garbled", "asdkj qweoiu zzxq 12309 !!! ###", None),
    case("control-characters", "\x00\x01\x02\x1b[31m", None),
    case("empty-fields", {"description": None, "participants": float("nan"), "purpose": ""}, None),
]

ALL_CASES = (SERVING_VS_NONSTATE + FORMER + NEGATED + CAPACITY + MIXED_FORUMS + ARMED_GROUPS
             + SECRET_CHANNELS + PEOPLE_TO_PEOPLE + SELF_DESCRIPTION + STRUCTURED + NON_ENGAGEMENTS)


@pytest.mark.parametrize("c", SERVING_VS_NONSTATE)
def test_serving_officials_versus_nonstate_actors(rules_clf, c):
    check_case(rules_clf, c)


@pytest.mark.parametrize("c", FORMER)
def test_former_officials_count_as_nonstate(rules_clf, c):
    check_case(rules_clf, c)


@pytest.mark.parametrize("c", NEGATED)
def test_negated_or_absent_participants_are_not_counted(rules_clf, c):
    check_case(rules_clf, c)


@pytest.mark.parametrize("c", CAPACITY)
def test_officials_in_unofficial_capacity_are_track_1_5(rules_clf, c):
    check_case(rules_clf, c)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("The speaker of the youth parliament met students and teachers at a workshop in Kampala.",
         "speaker"),
        ("The speaker of the publishing house met scholars and translators at a workshop in Cairo.",
         "speaker"),
        ("The supreme leader of the rebel movement met church leaders at a workshop in Juba.",
         "supreme leader"),
        ("A high representative of the business community met scholars at a workshop in Vilnius.",
         "high representative"),
        ("He told us trade representatives would attend the workshop with scholars in Geneva.",
         "trade representative"),
    ],
    ids=["youth-parliament-speaker", "publishing-house-speaker", "rebel-supreme-leader",
         "lower-case-high-representative", "pronoun-us-before-trade-representatives"],
)
def test_titles_that_only_sound_like_offices_are_no_officials(rules_clf, text, title):
    v = rules_clf.classify(text)
    counted = [e.text.lower() for e in v.evidence if e.status == "counted" and e.supports == "Track 1"]
    assert not [t for t in counted if title in t], v.explanation
    assert v.label == "Track 2", v.explanation


@pytest.mark.parametrize(
    ("text", "formal"),
    [
        ("A senior official met Sudanese women's groups and lawyers in Nairobi on Thursday.", []),
        ("The official said the ceasefire talks in Doha on Monday had gone well.", ["talks"]),
        ("A ministry official briefed journalists and analysts in Riga on the eve of the summit.",
         []),
        # The adjective still marks formal business.
        ("The two governments issued an official statement after their meeting in Hanoi.",
         ["official"]),
    ],
    ids=["senior-official-met", "official-said", "ministry-official-briefed", "official-statement"],
)
def test_official_as_a_person_is_not_formal_business(rules_clf, text, formal):
    v = rules_clf.classify(text)
    found = [e.text.lower() for e in v.evidence if e.kind == "formal" and e.status == "counted"]
    assert [f for f in found if "official" in f] == [f for f in formal if "official" in f], v.explanation
    assert all(any(f in g for g in found) for f in formal), v.explanation


@pytest.mark.parametrize("c", MIXED_FORUMS)
def test_officials_mixing_with_nonstate_at_forums_are_track_1_5(rules_clf, c):
    check_case(rules_clf, c)


@pytest.mark.parametrize("c", ARMED_GROUPS)
def test_armed_groups_are_official_parties_only_facing_a_government(rules_clf, c):
    check_case(rules_clf, c)


@pytest.mark.parametrize("c", SECRET_CHANNELS)
def test_secret_official_channels_are_track_1(rules_clf, c):
    check_case(rules_clf, c)


@pytest.mark.parametrize("c", PEOPLE_TO_PEOPLE)
def test_people_to_people_exchanges_are_track_2(rules_clf, c):
    check_case(rules_clf, c)


@pytest.mark.parametrize("c", SELF_DESCRIPTION)
def test_self_description_does_not_decide(rules_clf, c):
    v = check_case(rules_clf, c)
    branding = [e for e in v.evidence if e.kind == "branding"]
    assert branding, "the self-description should be recorded as evidence"
    assert all(e.status == "ignored" and e.supports is None for e in branding)
    assert any(e.text.lower() in c.input.lower() for e in branding)


@pytest.mark.parametrize("c", STRUCTURED)
def test_structured_fields_are_evidence(rules_clf, c):
    v = check_case(rules_clf, c)
    fields = {e.field for e in v.evidence if e.kind == "participant"}
    assert "participants" in fields
    # The explanation names the field a quote came from when it is not the description.
    assert "(participants)" in v.explanation


@pytest.mark.parametrize("c", NON_ENGAGEMENTS)
def test_abstains_on_non_engagements_and_says_what_is_missing(rules_clf, c):
    v = check_case(rules_clf, c)
    assert v.track is None and v.abstained
    assert rules_clf.predict([as_engagement(c.input)]).tolist() == ["none"]
    text = v.explanation.lower()
    assert re.search(r"\b(no|nothing|not|none)\b", text), v.explanation
    assert re.search(r"engagement|meeting|talks|text|participant", text), v.explanation
    assert not [e for e in v.evidence if e.kind == "participant" and e.status == "counted"
                and e.supports == T1]


# ---- properties of every verdict ------------------------------------------------------

def _text_of(c: Case, field: str) -> str:
    return as_engagement(c.input).__getattribute__(field)


def test_evidence_offsets_slice_the_input_to_the_quoted_text(rules_clf):
    # Evidence.start/end are documented as "character offsets of text in that field".
    mismatches = []
    for param in ALL_CASES:
        c = param.values[0]
        for e in rules_clf.classify(c.input).evidence:
            if e.start is None:
                continue
            sliced = _text_of(c, e.field)[e.start:e.end]
            if sliced != e.text:
                mismatches.append(f"{param.id}: {e.source}/{e.status} text={e.text!r} but slice={sliced!r}")
    assert not mismatches, "\n".join(mismatches)


def test_nonstate_participants_are_not_reported_as_former_officials(rules_clf):
    # DOMAIN rule 2 discards former *officials*; a scholar or journalist next to the word
    # "retired" or "former" is a non-state participant, not a former official.
    wrong = []
    for param in ALL_CASES:
        c = param.values[0]
        v = rules_clf.classify(c.input)
        for phrase in c.nonstate:
            found = _evidence_for(v, phrase, "participant", _field_of(c, phrase))
            if found and not any(e.status == "counted" for e in found):
                wrong.append(f"{param.id}: {phrase!r} reported as {sorted({e.status for e in found})}")
    assert not wrong, "\n".join(wrong)


def test_quoted_evidence_comes_from_the_input(rules_clf):
    for param in ALL_CASES:
        c = param.values[0]
        v = rules_clf.classify(c.input)
        for e in v.evidence:
            if e.start is not None:
                assert e.field in FIELDS
                assert e.text and e.text in _text_of(c, e.field), (param.id, e)


def test_every_track_verdict_names_its_track_and_reason(rules_clf):
    for param in ALL_CASES:
        v = rules_clf.classify(param.values[0].input)
        assert isinstance(v.explanation, str) and v.explanation.strip()
        if v.track is not None:
            assert v.track.value in v.explanation, (param.id, v.explanation)


def test_confidence_is_a_probability_equal_to_the_label_score(rules_clf):
    for param in ALL_CASES:
        v = rules_clf.classify(param.values[0].input)
        assert 0 < v.confidence <= 1, param.id
        assert set(v.scores) == set(LABELS)
        assert sum(v.scores.values()) == pytest.approx(1.0)
        assert v.scores[v.label] == pytest.approx(v.confidence)
        assert max(v.scores, key=v.scores.get) == v.label


def test_confidence_is_not_constant(rules_clf):
    confidences = {round(rules_clf.classify(p.values[0].input).confidence, 3) for p in ALL_CASES}
    assert len(confidences) >= 5, confidences


@pytest.mark.parametrize("thin, strong, track", [
    ("Talks in Geneva.",
     {"description": "Talks in Geneva.", "participants": "deputy foreign ministers; official delegations",
      "formality": "formal negotiation", "purpose": "conclude an arms control agreement"},
     T1),
    ("Scholars met.",
     "Retired diplomats, scholars and journalists from both countries met for a workshop on "
     "reconciliation and people-to-people exchanges.",
     T2),
    ("The meeting was off the record.",
     "Serving foreign ministry officials attended in their personal capacity alongside think-tank "
     "analysts and retired military officers, under the Chatham House rule.",
     T15),
], ids=["track-1", "track-2", "track-1.5"])
def test_thin_evidence_gives_lower_confidence_than_strong_evidence(rules_clf, thin, strong, track):
    v_thin, v_strong = rules_clf.classify(thin), rules_clf.classify(strong)
    assert v_thin.label == track and v_strong.label == track, (v_thin.explanation, v_strong.explanation)
    assert v_thin.confidence < v_strong.confidence


def test_module_level_classify_matches_the_classifier(rules_clf):
    for param in ALL_CASES[:10]:
        c = param.values[0]
        assert diplotrack.classify(c.input, method="rules") == rules_clf.classify(c.input)


def test_classify_rejects_an_unknown_method():
    with pytest.raises(ValueError, match=r"Invalid method: expected one of .*got 'magic'"):
        diplotrack.classify("Talks in Geneva.", method="magic")


# ---- extending and configuring the rules -----------------------------------------------

SEVADARS = "Sevadars from gurdwaras on both sides of the border met at the Kartarpur corridor."


def test_extending_a_lexicon_changes_the_verdict():
    before = RuleClassifier().classify(SEVADARS)
    after = RuleClassifier(lexicon={"nonstate_roles": ["sevadar"]}).classify(SEVADARS)
    assert before.label != T2
    assert after.label == T2
    assert '"Sevadars"' in after.explanation
    assert any(e.source == "nonstate-role" and e.text == "Sevadars" for e in after.evidence)


def test_extending_a_lexicon_keeps_the_defaults():
    clf = RuleClassifier(lexicon={"nonstate_roles": ["sevadar"]})
    assert clf.classify("Scholars and journalists met for a workshop.").label == T2


def test_replacing_a_lexicon_drops_the_defaults():
    text = "Scholars and journalists met for a workshop."
    clf = RuleClassifier(lexicon={"nonstate_roles": ["sevadar"]}, replace_lexicon=True)
    assert not any(e.source == "nonstate-role" for e in clf.classify(text).evidence)


def test_adding_a_regex_rule():
    rule = Rule("nonstate-sevadar", "nonstate", T2, "Volunteers who serve at a gurdwara.",
                regex=r"\bsevadars?\b")
    clf = RuleClassifier(rules=[rule]).fit()
    v = clf.classify(SEVADARS)
    assert v.label == T2
    hits = [e for e in v.evidence if e.source == "nonstate-sevadar"]
    assert [(e.text, e.start, e.end, e.status) for e in hits] == [("Sevadars", 0, 8, "counted")]
    names = clf.get_feature_names_out().tolist()
    assert "nonstate-sevadar" in names
    assert clf.transform([SEVADARS])[0, names.index("nonstate-sevadar")] == 1


def test_a_rule_with_a_default_id_replaces_the_default():
    quiet = Rule("nonstate-role", "nonstate", T2, "Only sevadars.", regex=r"\bsevadars?\b")
    clf = RuleClassifier(rules=[quiet])
    names = clf.get_feature_names_out().tolist()
    assert names.count("nonstate-role") == 1
    assert not any(e.source == "nonstate-role" for e in clf.classify("Scholars met.").evidence)


@pytest.mark.parametrize("kwargs, message", [
    (dict(kind="wizard", supports=T1, regex=r"x"), r"Invalid rule kind for 'r'.*got 'wizard'"),
    (dict(kind="official", supports="Track 4", regex=r"x"), r"Invalid label for rule 'r'.*got 'Track 4'"),
    (dict(kind="official", supports="none", regex=r"x"), r"Invalid label for rule 'r'.*got 'none'"),
    (dict(kind="official", supports=T1), r"exactly one of lexicon= or regex="),
    (dict(kind="official", supports=T1, regex=r"x", lexicon="official_roles"),
     r"exactly one of lexicon= or regex="),
    (dict(kind="formal", supports=T1, regex=r"x", fallback=True),
     r"fallback applies to a regular expression that finds who took part.*got kind 'formal'"),
    (dict(kind="nonstate", supports=T2, lexicon="nonstate_roles", fallback=True),
     r"fallback applies to a regular expression.*with a lexicon"),
    (dict(kind="formal", supports=T1, regex=r"x", staff_weight=1.0),
     r"staff_weight is a positive weight for a rule that finds who took part"),
    (dict(kind="intergovernmental", supports=T1, regex=r"x", staff_weight=0.0),
     r"staff_weight is a positive weight.*got staff_weight=0.0"),
    (dict(kind="intergovernmental", supports=T1, regex=r"x", weight=0.0, staff_weight=1.0),
     r"with a positive weight of its own.*weight 0.0"),
    (dict(kind="official", supports=T1, regex=r"x", weight=-0.5),
     r"Invalid weight for rule 'r': expected a finite number >= 0, got -0.5"),
    (dict(kind="official", supports=T1, regex=r"x", weight=float("nan")),
     r"Invalid weight for rule 'r'.*got nan"),
], ids=["bad-kind", "bad-label", "abstain-label", "no-pattern", "two-patterns",
        "fallback-not-a-role", "fallback-lexicon", "staff-weight-not-a-role", "staff-weight-zero",
        "staff-weight-of-a-weightless-rule", "negative-weight", "nan-weight"])
def test_invalid_rule_raises_value_error(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Rule("r", description="A rule.", **kwargs)


def test_rule_naming_an_unknown_lexicon_raises_on_use():
    clf = RuleClassifier(rules=[Rule("r", "official", T1, "A rule.", lexicon="no_such_lexicon")])
    with pytest.raises(ValueError, match=r"lexicon 'no_such_lexicon' not found"):
        clf.fit()


@pytest.mark.parametrize("kwargs, message", [
    (dict(label="Track 4"), r"Invalid label for decision 'd'.*got 'Track 4'"),
    (dict(label=T1, when=("moon_is_full",)), r"Invalid condition 'moon_is_full' in decision 'd'"),
], ids=["bad-label", "bad-condition"])
def test_invalid_decision_raises_value_error(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Decision("d", description="A decision.", **kwargs)


@pytest.mark.parametrize("kwargs, error, message", [
    (dict(lexicon="scholar"), TypeError, r"Invalid lexicon: expected a dict"),
    (dict(lexicon={"nonstate_roles": "scholar"}), TypeError, r"got a single string"),
    (dict(rules=["not a rule"]), TypeError, r"Invalid rule: expected a diplotrack Rule, got str"),
    (dict(decisions=[]), ValueError, r"expected at least one Decision"),
], ids=["lexicon-str", "lexicon-entry-str", "rule-str", "no-decisions"])
def test_invalid_parameters_raise_in_fit(kwargs, error, message):
    clf = RuleClassifier(**kwargs)  # __init__ only stores
    with pytest.raises(error, match=message):
        clf.fit()


def test_custom_decision_table():
    only_nonstate = (Decision("nonstate", T2, "non-state people took part", when=("nonstate",)),
                     Decision("otherwise", None, "no non-state participant was found"))
    clf = RuleClassifier(decisions=only_nonstate)
    assert clf.classify("The foreign ministers signed a treaty.").label == "none"
    v = clf.classify("Scholars met for a workshop.")
    assert v.label == T2 and "non-state people took part" in v.explanation


# ---- output types and the estimator surface ---------------------------------------------

def _inputs():
    return [p.values[0].input for p in ALL_CASES]


def test_verdict_to_dict_is_json_serialisable(rules_clf):
    for item in _inputs():
        v = rules_clf.classify(item)
        d = json.loads(json.dumps(v.to_dict()))
        assert d["track"] == (None if v.track is None else v.track.value)
        assert d["method"] == "rules"
        assert d["explanation"] == v.explanation
        assert len(d["evidence"]) == len(v.evidence)
        assert sum(d["scores"].values()) == pytest.approx(1.0, abs=1e-3)


def test_track_compares_equal_to_its_label():
    assert Track.TRACK_1_5 == "Track 1.5"
    assert str(Track.TRACK_2) == "Track 2"
    assert [t.value for t in Track] == [T1, T15, T2]


def test_predict_proba_rows_sum_to_one_and_argmax_is_predict(rules_clf):
    X = _inputs()
    proba = rules_clf.predict_proba(X)
    pred = rules_clf.predict(X)
    assert proba.shape == (len(X), len(LABELS))
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert (proba >= 0).all()
    assert pred.tolist() == rules_clf.classes_[proba.argmax(axis=1)].tolist()
    assert pred.tolist() == [rules_clf.classify(x).label for x in X]


def test_classes_are_the_three_tracks_and_none(rules_clf):
    assert rules_clf.classes_.tolist() == [T1, T15, T2, "none"]


def test_transform_has_one_column_per_rule_and_counts_firings(rules_clf):
    texts = [
        "Foreign ministers and defence ministers met in Vienna.",
        "Scholars, journalists and NGO leaders met for a workshop.",
        "Shares rose.",
    ]
    names = rules_clf.get_feature_names_out().tolist()
    M = rules_clf.transform(texts)
    assert M.shape == (3, len(names))
    assert len(set(names)) == len(names)
    assert {"official-role", "nonstate-role", "capacity-unofficial", "former-before"} <= set(names)
    assert M[0, names.index("official-role")] == 2
    assert M[1, names.index("nonstate-role")] == 3
    assert M[0, names.index("nonstate-role")] == 0
    assert M[2].sum() == 0 or M[2, names.index("official-role")] == 0
    assert np.issubdtype(M.dtype, np.integer) and (M >= 0).all()


def test_transform_agrees_with_verdict_evidence(rules_clf):
    names = rules_clf.get_feature_names_out().tolist()
    # The last reads "president" in another sense (a university's): no firing of a role rule.
    X = [*_inputs(), "The university's president met students in Oslo."]
    M = rules_clf.transform(X)
    for row, item in zip(M, X, strict=True):
        fired = {e.source for e in rules_clf.classify(item).evidence
                 if e.kind != "decision" and e.status not in ("ignored", "ambiguous")}
        assert {names[i] for i in np.flatnonzero(row)} == fired
    assert any(e.status == "ambiguous" for e in rules_clf.classify(X[-1]).evidence)


def test_pickle_round_trip_gives_identical_predictions():
    rule = Rule("nonstate-sevadar", "nonstate", T2, "Gurdwara volunteers.", regex=r"\bsevadars?\b")
    clf = RuleClassifier(lexicon={"official_roles": ["hetman"]}, rules=[rule]).fit()
    X = [*_inputs(), SEVADARS]
    clone = pickle.loads(pickle.dumps(clf))
    assert clone.get_params() == clf.get_params()
    assert clone.predict(X).tolist() == clf.predict(X).tolist()
    assert np.array_equal(clone.predict_proba(X), clf.predict_proba(X))
    assert np.array_equal(clone.transform(X), clf.transform(X))
    assert [v.explanation for v in clone.classify_many(X)] == [v.explanation for v in clf.classify_many(X)]


def test_unfitted_classifier_can_classify():
    # fit learns nothing, so the rules work without it.
    assert RuleClassifier().classify("Retired diplomats and scholars met in Oslo.").label == T2


def test_iter_classify_streams_in_order(rules_clf):
    X = _inputs()
    streamed = list(rules_clf.iter_classify(iter(X), batch_size=4))
    assert streamed == rules_clf.classify_many(X)


# ---- parliamentary questions, minutes and ceremonies (round-2 styles) -------------------

@pytest.mark.parametrize(
    "text, expected, not_counted",
    [
        ("Question to the Foreign Minister: are Swiss diplomats involved in the dialogue? Reply: "
         "the meetings bring together journalists and teachers from both sides, organised by an NGO; "
         "no officials of the Confederation take part.", "Track 2", "diplomats"),
        ("Drought early-warning workshop, Nairobi. Participants: 14 climate scientists from six "
         "countries and two NGO staff; government representatives: none.", "Track 2",
         "government representatives"),
        ("Welcome to the 20 young physicists from 11 countries starting our summer school today! "
         "Thanks to the Ambassador for the message of welcome read out this morning.", "Track 2",
         "Ambassador"),
    ],
    ids=["role-in-a-question", "minutes-style-none", "ambassador-thanked-for-a-message"],
)
def test_roles_asked_about_absent_or_ceremonial_are_not_participants(rules_clf, text, expected, not_counted):
    verdict = rules_clf.classify(text)
    assert verdict.label == expected, verdict.explanation
    discarded = [e for e in verdict.evidence if e.kind == "participant" and not_counted in e.text]
    assert discarded and all(e.status != "counted" for e in discarded), verdict.explanation



@pytest.mark.parametrize(
    "text, expected, status",
    [
        ("Welcome to the 20 young physicists from 11 countries starting our summer school today! "
         "Thanks to the Ambassador for cutting the ribbon this morning.", "Track 1.5", "counted"),
        ("Welcome to the 20 young physicists from 11 countries starting our summer school today! "
         "The Ambassador cut the ribbon, then left for the airport.", "Track 2",
         "bystander"),
    ],
    ids=["opened-it", "opened-it-then-left"],
)
def test_an_official_who_opens_the_event_takes_part_unless_they_then_left(rules_clf, text, expected, status):
    """Guideline rule 10: an official who opens the meeting is inside the exchange; one who
    opened it and then left is not. (The dataset keeps ceremonial openings of non-state events
    at Track 2, marked contested: see the rule 10 re-check in the datasheet.)"""
    verdict = rules_clf.classify(text)
    assert verdict.label == expected, verdict.explanation
    ambassador = [e for e in verdict.evidence if e.kind == "participant" and "Ambassador" in e.text]
    assert ambassador and all(e.status == status for e in ambassador), verdict.explanation

# ---- scope at the edges of an event (rule set 2026.12.3) ---------------------------------

def assert_role_read_as(verdict, expected: str, role: str, status: str) -> None:
    """The verdict's label, and every participant evidence quoting ``role`` with ``status``."""
    assert verdict.label == expected, verdict.explanation
    found = [e for e in verdict.evidence if e.kind == "participant" and role in e.text]
    assert found and all(e.status == status for e in found), verdict.explanation


@pytest.mark.parametrize(
    "text, expected, role, status",
    [
        ("The Lisbon cyber dialogue brought together twelve technologists and a former director of "
         "the national cyber agency, who spoke for himself; the group met for two days.",
         "Track 2", "director", "former"),
        ("Participants: H.E. Amb. Milica Petrova (Serbia, ret.), Prof. Ivan Horvat (Zagreb) and "
         "Dr. Ana Kovač (Sarajevo) met in Vienna for the fifth session of the circle.",
         "Track 2", "Amb", "former"),
        ("The president of the host journalists' union closed the festival's media forum, at which "
         "forty editors and reporters from both countries discussed cross-border reporting.",
         "Track 2", "president", "ambiguous"),
        ("Officials from neither government attended; the scholars and lawyers met in Nicosia "
         "for a day of discussion on property claims.", "Track 2", "Officials", "negated"),
        ("Twenty hydrologists met in Khartoum for two days. Afterwards the convenors presented "
         "the summary to officials of the irrigation ministry at a separate meeting.",
         "Track 2", "officials", "host"),
        ("The foreign minister welcomed the forum in a statement on social media; the rectors "
         "and students who met in Santiago discussed exchange programmes.",
         "Track 2", "foreign minister", "bystander"),
        ("Writers and teachers from both communities met for four days in Dakar to talk about "
         "the schools. The meeting was denounced by President Botha, who called it a betrayal.",
         "Track 2", "President", "bystander"),
        ("The jazz quartet cut short its tour of the Middle East after the assassination of "
         "President Kennedy; the musicians had played with students and local bands in Kabul "
         "and Tehran.", "Track 2", "President", "bystander"),
        # A list of roles in a sentence about other times is no list of who came.
        ("The summer conference brings seventy Japanese and American students together each "
         "year. Its alumni include a former prime minister and a number of diplomats. This "
         "year's students met in Kyoto in July for four weeks of roundtables.",
         "Track 2", "diplomats", "background"),
        # An official who only sent a letter of welcome is at the edge of the event (rule 10).
        ("Five radio journalists from Mogadishu and Baidoa spent June at our community station "
         "in Garissa. The county commissioner sent a letter of welcome, which we pinned to the "
         "wall, and the journalists produced a joint series on women along the border.",
         "Track 2", "county commissioner", "bystander"),
        # A party's secretary-general holds no state post (rule 11).
        ("The secretary-general of the ruling party and the secretary general of the main "
         "opposition party met with church leaders at a retreat in Mangochi on 3 March to agree a "
         "code of conduct for the campaign.", "Track 2", "secretary", "ambiguous"),
        # 'Its president', 'our president': an organisation's own head.
        ("The association is a people-to-people body that works with the foreign ministry; its "
         "president, a retired vice foreign minister, chaired a day-long roundtable in Hanoi "
         "with scholars and journalists on 4 April.", "Track 2", "president", "ambiguous"),
        # 'Government' before a thing is an adjective.
        ("Working outside any government mandate, economists from both sides met in Aix in "
         "2007 and produced a road map for the economy of a future settlement.",
         "Track 2", "government", "ambiguous"),
        # A role that owns a place names the place.
        ("On the Saturday evening the festival's guests were invited to the ambassador's "
         "residence; by day, forty young film-makers from the Balkans met in workshops on "
         "co-production and distribution.", "Track 2", "ambassador", "place"),
        # A role that owns a thing (a ban, a decree, an envoy) is its owner, not a participant,
        # with or without the name after the title.
        ("Musicians from Israel, Syria and Iran toured five American cities together this "
         "autumn; some had nearly been refused visas under President Keller's travel ban.",
         "Track 2", "President", "place"),
        ("Students from both towns met in Vienna for a week of workshops, months after the "
         "interior minister's decree closed the crossing.", "Track 2", "minister", "place"),
        # A title after a head noun put first is part of a name (Spanish, Portuguese, French).
        ("Twenty historians and lawyers from Bolivia and Chile spent two days at the Universidad "
         "Mayor de San Andres discussing a corridor to the Pacific.", "Track 2", "Mayor", "name"),
        # A funder named second in a list of funders is a funder too.
        ("Nurses and midwives from both sides of the line met four times in Istanbul to compare "
         "clinic records. The meetings were paid for by a Swiss foundation and a Norwegian "
         "development agency.", "Track 2", "agency", "host"),
        # Officials kept out by the organisers are absent (rule 3).
        ("Forty teachers and historians from both countries met four times in Arica to compare "
         "school textbooks; from the start the organisers excluded anyone in public office.",
         "Track 2", "public office", "negated"),
        # A ministry that guides the host organisation stands behind it, not at the table.
        ("The visiting scholars were received by a friendship association that works under the "
         "guidance of the Ministry of Foreign Affairs; retired diplomats and professors of the "
         "association held a roundtable with them in Hanoi on 4 May.",
         "Track 2", "Ministry of Foreign Affairs", "host"),
        # A body that owns a ruling is its author, not a participant.
        ("Thirty engineers and lawyers from both countries met in Windhoek in private to discuss "
         "the boundary commission's ruling and how farmers would cross the river.",
         "Track 2", "boundary commission", "place"),
        # 'Finance' in a minister's title is no verb of funding ('the ministry finances').
        ("At the cocoa dialogue in Accra on 8 March the panellists were the Deputy Minister of "
         "Finance of Ghana, a cocoa economist from the University of Abidjan and the chair of a "
         "farmers' association; they discussed smuggling across the border.",
         "Track 1.5", "Deputy Minister", "counted"),
        # Agencies of the UN system and bodies whose members are states are intergovernmental.
        ("The finance ministry and the IMF concluded a week of talks in Lusaka on 3 May with a "
         "staff-level agreement on the loan.", "Track 1", "IMF", "counted"),
        # After 'but', a negation reaches further: what became of the invited official.
        ("Retired judges, two economists and the head of a lawyers' network met in Tegucigalpa "
         "on 9 May. A serving vice-minister of the interior had accepted an invitation to the "
         "working dinner of the first evening but withdrew the day before.",
         "Track 2", "vice-minister", "negated"),
        # Without a contrast the long reach does not apply: the delegations did take part and
        # it was the proposals that were turned down.
        ("Government delegations went through the draft treaty article by article at the "
         "conference in Oslo and turned down the late proposals of one delegation.",
         "Track 1", "Government delegations", "counted"),
        # An invitation the next sentence says was refused: the invited were not there.
        ("Twelve mothers from both sides of the river met at the women's centre in Narva on "
         "12 October. We had invited officials of both education ministries this time. None "
         "of them came, and the talk was freer for it.",
         "Track 2", "officials", "negated"),
        # "Not one" is "nobody" too, as it already was where an office is denied.
        ("Two dozen farmers from the border villages met at the cooperative's hall in Bitola "
         "on 9 April to plan a shared honey label. The organisers had invited both regional "
         "governors. Not one of them turned up, so the farmers voted on the label alone.",
         "Track 2", "governors", "negated"),
        # 'At the invitation of' says who asked someone who came.
        ("Fourteen historians met in Tromso on 2 June. At the invitation of the organisers, a "
         "diplomat from the foreign ministry attended every session. She did not present a paper.",
         "Track 1.5", "diplomat", "counted"),
        # ", and the two men watched" opens a new clause: the role before it did not watch.
        ("The general flew in on 21 February, was received by Prime Minister Gandhi, and the "
         "two men watched part of the match together before holding talks on the border.",
         "Track 1", "Prime Minister", "counted"),
        # An invitation the role received, then a contrast: what became of the invitation.
        ("Forty young people from the Nordic countries spend a week in Tromso each summer in "
         "workshops on climate and rights. Ministers are occasionally invited to the closing "
         "ceremony but do not take part in the discussions.",
         "Track 2", "Ministers", "negated"),
        # A serving official who says where they work takes part in person, even when the
        # ministry is named only as their workplace (here in a sentence of its own, so at the
        # reduced weight of background).
        ("Last week I spoke at an energy conference in Lisbon on a panel with researchers "
         "from Maputo and Luanda. I work at the Ministry of Energy of Mozambique, but I was "
         "there in my personal capacity.", "Track 1.5", "work at the Ministry", "background"),
        # A mayor acting for the city is an official (guideline rule 11).
        ("Church volunteers and human-rights lawyers from both cities met in a parish hall on "
         "Saturday to coordinate care for asylum seekers; the mayor addressed the meeting and "
         "took part in the discussion.", "Track 1.5", "mayor", "counted"),
        # 'Team' names no kind of participant: a government's team is its delegation.
        ("Survey teams from the governments of Zambia and Malawi, each led by a senior official "
         "of its lands ministry, held a week-long technical workshop in Lusaka to reconcile "
         "their maps of the border.",
         "Track 1", "senior official", "counted"),
        # 'Youth' as a portfolio or a topic names no young people taking part.
        ("The ministers of youth and sport of nineteen countries adopted a declaration on youth "
         "employment in Libreville on Tuesday, at the close of a two-day ministerial meeting.",
         "Track 1", "youth", "ambiguous"),
        # A stated absence of any office-holder outweighs bodies named only loosely, even
        # under the Chatham House rule.
        ("Former ministers and retired generals from Western Europe and Russia met in London "
         "on 9 March under the Chatham House rule to discuss the risk of a military incident "
         "between NATO and Russia. None of the participants holds public office. They agreed "
         "on recommendations, which the network will send to NATO and to the Russian "
         "government.", "Track 2", "None of the participants", "negated"),
        # An official who sends a message of welcome is at the edge of the event (rule 10).
        ("Sixty teenagers from both sides of the border spent a week at a camp near Zamora in "
         "August. A message of welcome from the deputy foreign minister was read at the "
         "opening.", "Track 2", "deputy foreign minister", "host"),
        # 'No one ... holds a government post' denies the office to everyone.
        ("Eight scholars and two editors from each side met in Hanoi on 4 May to discuss the "
         "river. No one in either delegation holds a government post.",
         "Track 2", "holds a government post", "negated"),
        # A title kept as a courtesy is no office (rule 11).
        ("Historians and columnists from Oman and Saudi Arabia met in Muscat on 2 May; one "
         "of them, a retired diplomat who is still addressed as Ambassador, chaired.",
         "Track 2", "Ambassador", "former"),
        # In a list of participants, the official institution after a person's name is their
        # affiliation: they are its staff in person (rule 11).
        ("Workshop on Arctic shipping, Tromso, 3 May 2019. Participants: Dr Ola Berg, "
         "University of Tromso; Prof. Anna Lind, Arctic Institute; Ms Kari Hagen, Senior "
         "Adviser, Ministry of Foreign Affairs of Norway; Mr Ivan Petrov, a Murmansk shipping "
         "company.", "Track 1.5", "Ministry of Foreign Affairs", "counted"),
        # ... unless the entry says they left it.
        ("Seminar on confidence-building, Solna, 10 October 1986. Present: Dr Kerstin Aberg, "
         "peace research institute (chair); Dr Irina Basova, Academy of Sciences; Mr Bertil "
         "Holmgren, retired colonel, formerly of the Ministry of Defence.",
         "Track 2", "Ministry of Defence", "former"),
        # A supporter named by title, name and institution is a supporter from outside.
        ("Twenty-five civil-society representatives from Russia and the EU countries will meet "
         "in Berlin on 20 May. The meeting will be supported by Dr Hans Weber, German "
         "Government Coordinator for Civil Society Cooperation.",
         "Track 2", "German Government", "host"),
        # A colon ends a host's clause, even inside a role phrase ("Minister of State:
        # Secretary"): the officers after it took part.
        ("Written answer of the Minister of State: Secretary (East) gave the keynote and three "
         "officers of the Ministry spoke on panels with scholars and journalists in Goa on 4 May.",
         "Track 1.5", "officers", "counted"),
        # 'Eng.' is a title, not the end of a sentence: the honorific 'H.E.' before it belongs
        # to the same person, whose office the brackets say is over.
        ("Participants: H.E. Eng. Tesfaye Mekonnen (former State Minister of Water, Ethiopia); "
         "Prof. Hoda Farouk, Cairo University; Dr. Yared Alemayehu, Addis Ababa University. "
         "The group met in Nairobi on 4 March.", "Track 2", "H.E", "former"),
        # 'Presidential' before an election describes the office.
        ("Twenty-eight scholars from the United States and China met in Honolulu in August 2008, "
         "in their private capacity, and looked ahead to the American presidential election.",
         "Track 2", "presidential", "ambiguous"),
        # A future or conditional absence is an absence.
        ("Forty student leaders from Ghana and Norway will meet in Oslo from 3 to 7 May for "
         "workshops on campus democracy; embassy officials will not attend the workshops.",
         "Track 2", "embassy officials", "negated"),
        # An acronym the rule set knows as no state and no official body heads a think tank,
        # a sports federation or a scientific society, not a country.
        ("Scholars of the two institutes met in Shanghai for their annual consultations; the "
         "visiting side was led by CEBRI's president and included two economists.",
         "Track 2", "president", "ambiguous"),
        ("The delegation of eight science leaders, headed by the President of AAAS, spent three "
         "days in Havana with researchers of the Cuban academy.",
         "Track 2", "President", "ambiguous"),
        # A state's acronym that no lexicon holds still names a state's office.
        ("The US president and the Chinese leader met in Busan on 30 October and agreed to a "
         "one-year truce on tariffs.", "Track 1", "president", "counted"),
        # A person serving an intergovernmental organisation is an official in person.
        ("A session on cross-border reporting was moderated by the EU Special Representative in "
         "Skopje, who questioned forty editors and journalists from six countries.",
         "Track 1.5", "EU Special Representative", "counted"),
        ("Present: Prof. M. Ramachandran and Dr S. Rizvi (Indian institutes); Mr A. Fernando "
         "(Colombo Museum); Dr W. Elliott, representing UNESCO. The meeting agreed a common grid "
         "of stations for the survey.", "Track 1.5", "UNESCO", "counted"),
        # An institution's name before a noun it describes names where people come from.
        ("Prominent experts from NATO countries and Russia, among them retired diplomats, former "
         "officers and scholars, held a two-day seminar in Moscow on avoiding incidents at sea.",
         "Track 2", "NATO", "place"),
        ("Twenty young researchers met in Ohrid for three days of papers; among the speakers was "
         "Arta Krasniqi, member of the Assembly of Kosovo, who spoke on parliamentary oversight.",
         "Track 1.5", "member of the Assembly", "counted"),
        ("The traders' mission was led by Lord Boyd Orr, the nutritionist and first head of the "
         "FAO, and met Chinese trade officials in Beijing.", "Track 1.5", "FAO", "former"),
        # The summit a roundtable was held on the eve of is another occasion.
        ("Forty business leaders met in San José at a roundtable of their regional council and "
         "discussed common trade rules. It was held on the eve of the summit of the region's "
         "heads of state and government.", "Track 2", "heads of state", "background"),
        # A possessive's "s" does not push the owner out of reach.
        ("A trade mission of fourteen firms, led by the chamber's senior vice-president, met "
         "traders and bankers in Mombasa on 12 May to discuss cold-chain logistics.",
         "Track 2", "vice-president", "ambiguous"),
        # One sense per text: the same president taken up again with "the".
        ("The association's president opened the joint meeting of the two friendship societies "
         "in Nagpur on 6 March. After lunch the president welcomed the visiting members and "
         "handed over a set of books on the town's history.", "Track 2", "president", "ambiguous"),
        # No other sense is read across punctuation: a dateline, the next item of a list.
        ("GULU - President Yoweri Museveni received the foreign minister of South Sudan on "
         "Tuesday for talks on the reopening of the border crossings.", "Track 1", "President", "counted"),
        ("The panel on remittances brought together the Ambassador of Ghana to Germany, two "
         "diaspora bankers and an economist from a Berlin research institute.",
         "Track 1.5", "Ambassador", "counted"),
        # A title, a name, then "a retired ...": one person out of office.
        ("The camp was opened by its chair, Ambassador Olu Bankole, a retired career diplomat, "
         "and brought together forty students from Nigeria and China for two weeks in Jos.",
         "Track 2", "Ambassador", "former"),
        # ... but not a "former" that follows another person.
        ("Back from the Lisbon security forum. What made it worth the trip was the mix: a serving "
         "Ghanaian defence minister on a panel next to a Portuguese historian, a former European "
         "head of government, two bank chief executives and a dozen of us young researchers.",
         "Track 1.5", "defence minister", "counted"),
        # Heads of cities and regions under their own titles are sub-national officials.
        ("The khokim of Samarkand region received a delegation of Korean textile investors and "
         "bankers on 14 June to discuss a new industrial zone.", "Track 1.5", "khokim", "counted"),
        # A title in quotation marks is given or played, not held.
        ("The Baltic youth council closed its spring session in Tartu on Sunday. Its 30 "
         "'ministers', secondary-school students from Estonia, Latvia and Finland, adopted a joint "
         "declaration on the protection of the sea.", "Track 2", "ministers", "quoted"),
        ("The festival named two folk singers from either side of the border its \u2018cultural "
         "envoys\u2019; they led workshops with schoolchildren in Narva and Ivangorod in June.",
         "Track 2", "envoys", "quoted"),
        # A title in the name of a hotel or a theatre is part of the name, as in a street's.
        ("Journalists and activists from Sudan and South Sudan met at the Bole Ambassador Hotel "
         "in Addis Ababa to compare how their newsrooms cover the border.", "Track 2", "Ambassador",
         "name"),
    ],
    ids=["former-staff-noun", "retired-in-brackets", "union-president", "from-neither",
         "recipient-of-a-summary", "welcomed-a-forum", "denounced-by", "assassination-of",
         "alumni-list", "letter-of-welcome", "party-secretary-general", "its-president",
         "government-mandate", "ambassadors-residence", "presidents-travel-ban", "ministers-decree", "universidad-mayor", "second-funder",
         "organisers-excluded", "under-the-guidance-of", "commissions-ruling", "minister-of-finance",
         "imf-talks", "but-withdrew", "turned-down-proposals", "invited-none-came", "invited-not-one-came",
         "at-the-invitation-of", "and-the-two-men-watched", "invited-but-do-not-take-part",
         "i-work-at-the-ministry", "mayor-addressed", "government-survey-teams", "youth-portfolio",
         "none-holds-office-under-chatham-house", "message-of-welcome-from", "no-one-holds-a-post",
         "still-addressed-as", "list-entry-affiliation", "list-entry-formerly-of",
         "supported-by-a-named-official", "colon-ends-host-clause", "he-eng-former",
         "presidential-election", "will-not-attend", "acronym-possessive-president",
         "president-of-acronym", "state-acronym-president", "igo-special-representative",
         "representing-an-igo", "from-nato-countries", "member-of-the-assembly-of",
         "first-head-of", "on-the-eve-of", "possessive-senior-vice-president",
         "same-president-taken-up", "dateline-before-president", "list-comma-after-ambassador",
         "title-name-a-retired", "a-former-after-another-person",
         "khokim-of-a-region", "ministers-in-quotes", "envoys-in-curly-quotes",
         "hotel-named-after-a-title"],
)
def test_officials_at_the_edges_are_not_counted_as_taking_part(rules_clf, text, expected, role, status):
    assert_role_read_as(rules_clf.classify(text), expected, role, status)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Writers and actors from both countries met in Geneva for a televised citizens' summit, "
         "a few weeks after President Reagan and General Secretary Gorbachev met there.",
         "President"),
        ("Scholars from India and Pakistan met in Bangkok for two days. The meeting follows the "
         "talks between Prime Minister Singh and President Musharraf in New York last week.",
         "Prime Minister"),
        ("Journalists from China and the United States met in Shanghai this week; their visit "
         "coincides with the first meeting in a year between President Biden and President Xi.",
         "President"),
    ],
    ids=["weeks-after", "follows-the-talks-between", "coincides-with"],
)
def test_officials_of_another_occasion_the_meeting_is_placed_against_are_mentioned(
    rules_clf, text, role
):
    """Rule set 2026.12.20: the officials of an occasion the meeting is placed against ('a few
    weeks after', 'follows the talks between', 'coincides with') are not in its room."""
    verdict = rules_clf.classify(text)
    assert_role_read_as(verdict, "Track 2", role, "bystander")
    assert "Mentioned but not taking part:" in verdict.explanation
    assert not [e for e in verdict.evidence if e.kind == "participant" and e.status == "counted" and e.supports == "Track 1"]


@pytest.mark.parametrize(
    ("text", "role", "status"),
    [
        ("Potters and weavers from Bolivia and Peru spent four days at a craft residency in Puno. "
         "A vice-minister of culture was billed to close the residency but cancelled the night "
         "before, and the artists read out their joint statement themselves.",
         "vice-minister", "negated"),
        ("A youth delegation from Ghana's farmers' unions held talks with cooperatives in "
         "Ouagadougou on cross-border grain trade. A courtesy call on the minister of agriculture "
         "could not be arranged, and no government office was on the programme.",
         "minister", "negated"),
        ("Historians from both countries met at the university in Tartu for two days. The mayor "
         "sent his regrets, and the sessions were chaired by the head of the history department.",
         "mayor", "negated"),
        ("Retired diplomats, generals and editors from India and Pakistan met for the fortnight's "
         "dialogue in Lahore. The provincial chief secretary gave a dinner for the visitors on "
         "their last evening.",
         "chief secretary", "bystander"),
        ("Sixty scientists from Chile and Argentina met in Mendoza to share data on glaciers. "
         "On the first evening the governor hosted a lunch for the delegates at his residence.",
         "governor", "bystander"),
    ],
    ids=["cancelled-the-night-before", "could-not-be-arranged", "sent-his-regrets",
         "gave-a-dinner-for", "hosted-a-lunch-for"],
)
def test_officials_who_cancelled_or_only_gave_a_meal_do_not_take_part(rules_clf, text, role, status):
    """Rule set 2026.12.21: an official's own cancellation or regrets removes them, and a dinner
    or lunch they give apart from the sessions makes them a sponsor (guideline rule 10): the
    non-state meeting stays Track 2, and the explanation says why the official is left out."""
    verdict = rules_clf.classify(text)
    assert_role_read_as(verdict, "Track 2", role, status)
    heading = "Negated, not counted:" if status == "negated" else "Mentioned but not taking part:"
    assert heading in verdict.explanation, verdict.explanation


def test_not_meeting_the_officials_is_no_denial_that_the_exchange_took_place(rules_clf):
    """Rule set 2026.12.41: "we did not meet any politicians" denies who took part, not the
    engagement; it was read as a meeting reported only as denied, and the exchange abstained."""
    verdict = rules_clf.classify(
        "For three weeks I traded my desk at a Dhaka daily for one at a newspaper in Kolkata, in "
        "an exchange run by a journalism school and paid for by a foundation. Four Bangladeshi "
        "reporters went west and four Indian reporters came east. We did not meet any ministers "
        "or government officials; the organisers wanted the exchange to be about newsrooms.")
    assert verdict.label == "Track 2", verdict.explanation
    assert "Denied meeting" not in verdict.explanation
    assert 'Negated, not counted: "did not meet any ministers' in verdict.explanation
    denied = rules_clf.classify("The two foreign ministers did not meet in Geneva as planned.")
    assert denied.label == "none", denied.explanation


def test_a_cancelled_meeting_of_officials_is_not_one_without_them(rules_clf):
    """'The meeting was cancelled' has the meeting as its subject: it is no sign that the
    officials stayed away from an engagement held without them (which would be Track 2)."""
    verdict = rules_clf.classify(
        "The talks between the two defence ministers, planned for May in Hanoi, were cancelled "
        "after the collision in the strait.")
    assert verdict.label != "Track 2", verdict.explanation
    assert not [e for e in verdict.evidence if e.kind == "participant" and e.status == "negated"]


def test_regrets_reported_by_one_official_negate_only_the_one_who_sent_them(rules_clf):
    """Rule set 2026.12.23: in "the finance minister told the delegates that the President sent
    his regrets", the regrets are the President's. A negation after another role reached past
    a reported clause's 'that' no longer reaches back to the official who reported it (context
    list reported_clauses), so the minister who spoke still takes part."""
    verdict = rules_clf.classify(
        "KIGALI - The foreign minister opened the investors' forum on Tuesday, and the finance "
        "minister told the delegates that the President sent his regrets. Some 300 investors "
        "attended the two days of panels.")
    assert verdict.label == "Track 1.5", verdict.explanation
    status = {e.text.split()[0]: e.status for e in verdict.evidence if e.kind == "participant"}
    assert status["finance"] == "counted", verdict.evidence
    assert status["President"] == "negated", verdict.evidence
    assert "Negated, not counted: \"President sent his regrets\"" in verdict.explanation


@pytest.mark.parametrize(
    ("text", "official"),
    [
        ("Former ministers, editors and economists from Greece and Turkey met on Chios for the "
         "early rounds of the dialogue. We found no participant in those rounds who held a "
         "government post at the time of the meetings.",
         "government post"),
        ("Historians and journalists from Albania and Serbia met in Tirana for two days. The "
         "organisers had invited officials of both foreign ministries to the second session. No "
         "delegate came.",
         "officials"),
        ("Journalists and editors from Armenia and Azerbaijan met in Tbilisi for three days of "
         "workshops on reporting the conflict. Serving officials had not been invited, so that the "
         "panel could speak freely.",
         "Serving officials"),
    ],
    ids=["no-participant-held-a-post", "no-delegate-came", "had-not-been-invited"],
)
def test_no_participant_and_not_been_invited_leave_the_officials_out(rules_clf, text, official):
    """Rule set 2026.12.24: 'no' before a word for the people at a meeting says nobody, as 'no
    one' does (context list nobody_nouns), both where it denies an office ("no participant ...
    held a government post") and where it answers an invitation ("No delegate came."); and "had
    not been invited" negates like "were not invited". The meeting of non-state people stays
    Track 2, and the explanation shows the officials as negated."""
    verdict = rules_clf.classify(text)
    assert verdict.label == "Track 2", verdict.explanation
    negated = [e.text for e in verdict.evidence if e.kind == "participant" and e.status == "negated"]
    assert any(official in t for t in negated), verdict.evidence
    assert not [e for e in verdict.evidence
                if e.kind == "participant" and e.status == "counted" and e.supports in ("Track 1", "Track 1.5")]
    assert "Negated, not counted:" in verdict.explanation


def test_a_directory_entry_is_no_engagement(rules_clf):
    """Rule set 2026.12.24: a directory's entry names a director and a focus on dialogue, but
    describes no meeting ('directory', a genre sign mined by the criterion of round 22)."""
    verdict = rules_clf.classify(
        "Directory of peace research institutes, 2024 edition. Entry 112: Centre for Regional "
        "Dialogue, Nairobi. Director: Amb. (ret.) Joseph Kariuki, a former ambassador to Ethiopia. "
        "Staff: 14. Focus: mediation support, dialogue between officials and scholars of the Horn "
        "of Africa. Publications: quarterly briefs. Website and contact details on request.")
    assert verdict.label == "none", verdict.explanation
    assert "Directory" in verdict.explanation, verdict.explanation


def test_a_time_before_a_comma_does_not_reach_the_participants(rules_clf):
    """'Weeks after the ceasefire, the foreign ministers met': the comma ends the phrase, so
    the ministers still take part."""
    verdict = rules_clf.classify(
        "Weeks after the ceasefire, the foreign ministers of Armenia and Azerbaijan met in "
        "Moscow and signed a declaration on the border.")
    assert verdict.label == "Track 1", verdict.explanation
    assert 'Officials: "foreign ministers"' in verdict.explanation


def test_an_event_page_pointing_at_its_own_forum_describes_one_occasion(rules_clf):
    # Purpose boilerplate ("will serve as an opportunity") reads like a page about diplomacy
    # in general; "this forum" points at one occasion, which the page announces.
    text = (
        "The Youth Water Forum aims to open a space where students and young engineers from the "
        "riparian states can talk about shared rivers beyond the positions of their capitals. "
        "This forum will serve as an opportunity to build networks that may be useful for years. "
        "It will be held over two days in Tashkent and will consist of four panel discussions."
    )
    verdict = rules_clf.classify(text)
    assert verdict.label == "Track 2", verdict.explanation
    events = [e.text.lower() for e in verdict.evidence if e.kind == "event"]
    assert "this forum" in events, verdict.explanation


@pytest.mark.parametrize(
    "text, word",
    [
        ("Prime Minister Gandhi received President Zia in New Delhi on 21 February; the two "
         "leaders held talks on pulling back troops and promised a lasting peace to the people "
         "of both countries.", "people"),
        ("The chief negotiators of the two governments met in Geneva on 3 May with their teams "
         "for a fourth round of talks on the maritime boundary.", "teams"),
    ],
    ids=["people-of-both-countries", "negotiators-teams"],
)
def test_generic_group_words_name_no_participant(rules_clf, text, word):
    # 'people', 'team' and 'chief' named a non-state participant less often than they misled.
    verdict = rules_clf.classify(text)
    assert verdict.label == "Track 1", verdict.explanation
    quoted = [e.text.lower() for e in verdict.evidence if e.kind == "participant"]
    assert word not in quoted, verdict.explanation


def test_official_after_a_verb_of_becoming_is_an_adjective(rules_clf):
    verdict = rules_clf.classify(
        "Scholars from both sides met secretly near Oslo for eight months. The talks became "
        "official in May 1993, when the director-general of the foreign ministry joined them."
    )
    quoted = [e.text for e in verdict.evidence if e.kind == "participant" and e.status == "counted"]
    assert "official" not in quoted, verdict.explanation
    assert "director-general" in quoted, verdict.explanation


def test_an_official_who_welcomes_participants_takes_part(rules_clf):
    verdict = rules_clf.classify(
        "The deputy foreign minister welcomed participants and took questions for an hour; "
        "scholars and journalists from both countries then met for two days."
    )
    assert verdict.label == "Track 1.5", verdict.explanation
    assert "deputy foreign minister" in verdict.explanation


@pytest.mark.parametrize(
    "text, reason, signs",
    [
        ("Meet the team. Dr Lena Okafor, our executive director, is an anthropologist who worked "
         "for twenty years with pastoralist associations in the Sahel. Ana Ruiz, programme "
         "manager, is a former journalist. Our board includes two retired judges, a bishop and a "
         "professor of hydrology. For press inquiries please contact the communications officer.",
         "not as a report of one meeting", ['"Meet the team"', '"press inquiries"']),
        ("Glossary: proximity talks. A form of negotiation in which a mediator shuttles between "
         "delegations that stay in separate rooms of one building, used when the parties refuse "
         "direct contact with each other. See the chapter on mediation in the syllabus.",
         "nothing places one meeting in time", ['"Glossary"', '"syllabus"']),
        ("Diplomats can be posted abroad for three or four years at a time, and the work may be "
         "very different in each capital, from negotiating trade rules with ministers to helping "
         "stranded travellers.",
         "nothing places one meeting in time", ['"can be"', '"may be"']),
        ("The Caspian Policy Institute today announced the appointment of Ambassador (ret.) "
         "Farid Aliyev to its board of trustees. Mr Aliyev, who served as his country's envoy in "
         "Moscow and Ankara, joins a board of twelve that supports the institute's dialogue "
         "processes with scholars and officials across the region. The institute maintains "
         "offices in Baku and Vienna and invites proposals for its autumn fellowships.",
         "not as a report of one meeting", ['"today announced"', '"the appointment"', '"board of"']),
        # Rule set 2026.12.21 (mined with round 29): a prize page and figures on spending.
        ("The Lake Tanganyika Peace Prize honours fishermen's associations, women's groups and "
         "teachers from Burundi, Tanzania and the Democratic Republic of Congo whose work has "
         "brought lakeside communities together. Past winners include a cooperative of fish "
         "traders from Kigoma and a choir of students from Uvira. The prize is presented each June "
         "at a ceremony in Bujumbura. Nominations are open to any association in the three countries.",
         "not as a report of one meeting", ['"The prize"', '"Nominations"']),
        ("Over the decade the share of the agency's grants that went to cross-border projects of "
         "civil society groups from Armenia and Georgia doubled. The percentage spent on youth "
         "exchanges and joint workshops of journalists rose fastest, and expenditure on "
         "scholarships for students from the two countries kept pace.",
         "not as a report of one meeting", ['"percentage"', '"expenditure"']),
        # Rule set 2026.12.41: a blog's explainer of a term, and a meeting that will not go ahead.
        ("What do we mean by 'people-to-people diplomacy'? The phrase covers contacts between "
         "citizens who do not act for their states: students, sports clubs, artists, clergy. In "
         "theory such contacts soften the images each nation holds of the other, and officials "
         "sometimes join them. In the next post I look at how the idea was used in the Cold War.",
         "not as a report of one meeting", ['"The phrase"', '"In theory"', '"next post"']),
        ("NAIROBI - A meeting of the Kenya-Somalia joint boundary commission planned for next "
         "week in Mogadishu will not go ahead, a foreign ministry spokeswoman said on Tuesday, "
         "citing the security situation. No new date has been set, and the commission has not "
         "met since 2021.",
         "not as a report of one meeting", ['"will not go ahead"', '"No new date"']),
        ("The Ministry of Foreign Affairs of Malaysia extends its congratulations to the people "
         "of Indonesia on the orderly conduct of the general election held on 14 February. "
         "Malaysia reaffirms its close ties with its neighbour and looks forward to working with "
         "the new administration on trade, border management and migrant workers.",
         "not as a report of one meeting", ['"extends its"', '"reaffirms"']),
    ],
    ids=["team-page", "glossary-entry", "two-faint-signs-and-no-occasion", "board-appointment",
         "prize-page", "figures-on-spending", "explainer-of-a-term", "meeting-will-not-go-ahead",
         "ministry-statement"],
)
def test_a_page_that_describes_no_meeting_abstains_and_says_why(rules_clf, text, reason, signs):
    verdict = rules_clf.classify(text)
    assert verdict.label == "none", verdict.explanation
    assert reason in verdict.explanation
    assert all(sign in verdict.explanation for sign in signs), verdict.explanation


def test_one_incidental_sign_does_not_throw_a_meeting_away(rules_clf):
    # One word of another kind of page ("pensions") is not enough without an occasion.
    verdict = rules_clf.classify(
        "Retired Iraqi and Iranian officers, old men living on their pensions, were brought "
        "together by a Quaker group at a farmhouse outside Amman to talk about the missing of the "
        "war; nobody came from either defence ministry."
    )
    assert verdict.label == "Track 2", verdict.explanation


def test_a_meeting_placed_in_time_by_its_month_is_not_thrown_away(rules_clf):
    verdict = rules_clf.classify(
        "Dispatch from the studio, posted by a painter. In March 2019 six painters from Baghdad "
        "and Basra ran a workshop with young artists from Mosul in a borrowed warehouse in Erbil; "
        "the French cultural institute paid for the materials, and if you ask me it was money well "
        "spent."
    )
    assert verdict.label == "Track 2", verdict.explanation
    assert '"In March"' in verdict.explanation


def test_a_phrase_in_one_list_as_any_form_and_in_another_as_exact_form_belongs_to_both():
    from diplotrack.matching import PhraseIndex, tokenize

    index = PhraseIndex([("welcomed", "breaker"), ("welcomed!", "bystander"), ("welcome", "greeting")])
    found = index.find(tokenize("The minister welcomed the report."))
    assert [(i, j, set(ids)) for i, j, ids in found] == [(2, 3, {"breaker", "bystander"})]
    # Only the any-form entries match another form of the word.
    found = index.find(tokenize("The minister welcomes the report."))
    assert [set(ids) for _, _, ids in found] == [{"greeting"}]


# ---- states as the parties that act (rule set 2026.12.4) ----------------------------------

@pytest.mark.parametrize(
    "text, states",
    [
        ("The first conference on the Arctic Ocean was held in Ilulissat on 27-29 May 2008. "
         "Canada, Denmark, Norway, Russia and the United States discussed shipping, search and "
         "rescue and the continental shelf, and adopted a short declaration.",
         ["Canada", "Denmark", "Norway", "Russia", "United States"]),
        ("Representatives of the Consultative Parties (Argentina, Chile, the Republic of Korea and "
         "Uruguay) met in Prague from 2 to 11 July to exchange information and hold consultations.",
         ["Argentina", "Chile", "Republic of Korea", "Uruguay"]),
        ("In July 2015 Washington and Havana restored diplomatic relations, and the two foreign "
         "ministers met to reopen the embassies.",
         ["Washington", "Havana"]),
        ("The U.S. and China agreed in Geneva on Tuesday to resume the military talks they broke "
         "off last year.", ["U.S", "China"]),
    ],
    ids=["list-of-states-discussed", "parties-in-brackets-met", "capitals-restored-relations",
         "article-and-abbreviation"],
)
def test_states_that_act_are_official_parties(rules_clf, text, states):
    verdict = rules_clf.classify(text)
    assert verdict.label == "Track 1", verdict.explanation
    acting = [e.text for e in verdict.evidence if e.source == "state-acting" and e.status == "counted"]
    assert acting == states, verdict.explanation
    assert all(f'"{s}"' in verdict.explanation for s in states)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Scholars from Norway and Russia met in Tromso for a workshop on fisheries data and "
         "agreed to publish a shared catalogue of cod stocks.", "Track 2"),
        ("The Exporters' Association of the Austro (Ecuador) and the Tumbes Business Guild (Peru) "
         "today signed a memorandum to set up a cross-border trade fair.", "Track 2"),
        ("VIENTIANE - Laos held Vietnam to a 1-1 draw in the regional under-19 football "
         "championship; afterwards the schoolboy players of both squads swapped shirts and ate "
         "together with their coaches.", "Track 2"),
        ("Poets and translators met in Ohrid, Sarajevo and Belgrade to agree on a shared anthology "
         "of Balkan verse.", "Track 2"),
        ("The Accra talks of the women's peace movement brought church and mosque groups together "
         "in July; activists and clergy sat outside the hotel for weeks.", "Track 2"),
    ],
    ids=["origin-after-from", "affiliation-in-brackets", "dateline-and-sport",
         "unknown-first-item-of-a-list-of-places", "capital-before-a-noun"],
)
def test_states_named_as_places_origins_or_affiliations_are_not_parties(rules_clf, text, expected):
    verdict = rules_clf.classify(text)
    assert verdict.label == expected, verdict.explanation
    assert not [e for e in verdict.evidence if e.source == "state-acting"], verdict.explanation


@pytest.mark.parametrize(
    "text",
    [
        "Over the course of two days in Tbilisi, twenty editors from Armenia and Azerbaijan met to "
        "compare how their newsrooms cover the border villages.",
        "Of course nobody from either foreign ministry attended: the twenty editors who met in "
        "Tbilisi for two days were there for themselves.",
    ],
    ids=["over-the-course-of", "of-course"],
)
def test_the_idioms_of_course_are_no_sign_of_a_course_page(rules_clf, text):
    verdict = rules_clf.classify(text)
    assert verdict.label == "Track 2", verdict.explanation
    course = [e for e in verdict.evidence if e.text.lower() == "course"]
    assert course == [], verdict.explanation


# ---- sentences about another time or meeting (rule set 2026.12.4) -------------------------

@pytest.mark.parametrize(
    "text, expected, role",
    [
        ("Retired generals and scholars from India and Pakistan met in Dubai for three days to "
         "talk about the Siachen glacier. The following year the two defence ministers met in "
         "Delhi and discussed several of their proposals at an official meeting.",
         "Track 2", "defence ministers"),
        ("Sixty students and veterans met in Bratislava for a day-long conversation about the war "
         "in Ukraine. The country's president had spoken earlier in the day at a separate plenary "
         "of the same festival.", "Track 2", "president"),
        ("Journalists from Athens and Ankara spent a week in each other's newsrooms in March. "
         "Years later, the two foreign ministers met in Davos and agreed to resume exploratory "
         "talks.", "Track 2", "foreign ministers"),
        # Rule set 2026.12.18 read these officials as taking part (Track 1.5).
        ("Journalists from Iran and the United States met in Geneva for a week of reporting "
         "workshops. Weeks earlier, President Rouhani spoke warmly of exchanges between the two "
         "peoples.", "Track 2", "President"),
        ("Historians from Poland and Ukraine met in Lublin to compare archives. Two years earlier "
         "the presidents of both countries had laid wreaths together at Huta Pieniacka.",
         "Track 2", "presidents"),
        ("Teachers from Armenia and Turkey spent a week in Gyumri writing a shared history "
         "module. The previous month, the two foreign ministers discussed opening the border.",
         "Track 2", "foreign ministers"),
        ("Economists from Colombia and Venezuela met in Cucuta to compare border trade figures. "
         "Presidents Petro and Maduro have met several times since the border reopened.",
         "Track 2", "Presidents"),
    ],
    ids=["the-following-year", "separate-plenaries", "years-later", "weeks-earlier",
         "years-earlier", "the-previous-month", "several-times-since"],
)
def test_roles_in_a_sentence_about_another_time_or_meeting_count_as_background(
    rules_clf, text, expected, role
):
    verdict = rules_clf.classify(text)
    assert_role_read_as(verdict, expected, role, "background")
    assert "another time or meeting" in verdict.explanation


@pytest.mark.parametrize(
    "text, expected, role",
    [
        ("Scholars from India and Pakistan met in Kathmandu on Monday for two days of discussion on "
         "water sharing. Two serving deputy ministers of water resources joined the sessions, "
         "the organisers said in a statement.", "Track 1.5", "deputy ministers"),
        ("Retired diplomats from Russia and the United States met in Vienna last week for a "
         "closed discussion of arms control. Participants included current and former "
         "government officials and academics from both countries, the institute said in a "
         "statement that did not name them.", "Track 1.5", "government officials"),
        ("Economists from Ethiopia and Eritrea met in Nairobi on Thursday. Advisers from both "
         "finance ministries sat in on the first day, a spokesman for the host university told "
         "reporters.", "Track 1.5", "finance ministries"),
        ("Rectors of Serbian and Albanian universities met in Skopje on Friday to plan joint "
         "degrees. The two countries' deputy education ministers joined the afternoon "
         "session, the host university's rector told a news conference.",
         "Track 1.5", "ministers"),
    ],
    ids=["said-in-a-statement", "statement-that-did-not-name-them", "told-reporters",
         "told-a-news-conference"],
)
def test_a_sentence_that_attributes_what_it_reports_may_report_the_meeting(
    rules_clf, text, expected, role
):
    """Rule set 2026.12.41: ", the organisers said in a statement" after what is reported
    attributes that report; it does not make the sentence one about another occasion, so the
    officials it says took part are participants, not background (they were, and the text
    was Track 2)."""
    verdict = rules_clf.classify(text)
    assert verdict.label == expected, verdict.explanation
    status = {e.text: e.status for e in verdict.evidence if e.kind == "participant"}
    assert any(role in t and st == "counted" for t, st in status.items()), verdict.evidence
    assert "another time or meeting" not in verdict.explanation


@pytest.mark.parametrize(
    "text, role",
    [
        ("Academics from Greece and Turkey met in Thessaloniki on Monday to compare school "
         "textbooks. In a statement, the Greek foreign minister welcomed the meeting.",
         "foreign minister"),
        ("Academics from Greece and Turkey met in Thessaloniki on Monday to compare school "
         "textbooks. The Greek foreign minister told reporters in Athens that he welcomed it.",
         "foreign minister"),
        ("Academics from Greece and Turkey met in Thessaloniki on Monday to compare school "
         "textbooks. The meeting was useful, the Greek deputy foreign minister told reporters.",
         "deputy foreign minister"),
    ],
    ids=["statement-first", "told-reporters-that", "speaker-of-an-attribution"],
)
def test_an_official_who_only_speaks_to_the_press_about_a_meeting_stays_out_of_it(
    rules_clf, text, role
):
    """A statement made before its report, or the speaker of an attribution, is no
    participant: the official reacts to the meeting (guideline rule 10)."""
    verdict = rules_clf.classify(text)
    assert verdict.label == "Track 2", verdict.explanation
    status = {e.text: e.status for e in verdict.evidence if e.kind == "participant"}
    assert all(st != "counted" for t, st in status.items() if role in t), verdict.evidence


@pytest.mark.parametrize(
    "text",
    [
        ("The foreign ministers of Estonia and Latvia met in Tallinn only weeks before both "
         "countries joined the European Union and signed the maritime border treaty."),
        ("Five weeks before the climate conference in Paris, the environment ministers of Peru "
         "and Ecuador met in Lima and signed a joint declaration on the Amazon."),
    ],
    ids=["weeks-before-an-accession", "weeks-before-a-conference"],
)
def test_a_meeting_placed_before_another_event_is_the_occasion_described(rules_clf, text):
    """'Weeks before' something else places the meeting described; unlike 'weeks earlier' it is
    no sign of another time, so the ministers in its sentence take part."""
    verdict = rules_clf.classify(text)
    assert verdict.label == "Track 1", verdict.explanation
    assert not [e for e in verdict.evidence if e.kind == "elsewhere"], verdict.explanation


@pytest.mark.parametrize(
    "text",
    [
        ("The foreign ministers of Armenia and Azerbaijan will meet later this month in Geneva to "
         "continue negotiations on a peace treaty, their ministries said."),
        # 'First A and later B' names, in turn, who took part in the same engagement.
        ("The inter-Tajik negotiations were the official track of the peace process. From April "
         "1994 they brought the government and the United Tajik Opposition together under a UN "
         "special envoy, first a Uruguayan diplomat and later a German one, with neighbouring "
         "states as observers."),
    ],
    ids=["later-this-month", "first-and-later"],
)
def test_later_that_stays_on_the_occasion_described(rules_clf, text):
    verdict = rules_clf.classify(text)
    assert verdict.label == "Track 1", verdict.explanation
    assert not [e for e in verdict.evidence if e.kind == "elsewhere"], verdict.explanation


# ---- non-state people outnumber the officials (rule set 2026.12.4; 2026.12.6) -------------

@pytest.mark.parametrize(
    "text, expected, decision",
    [
        ("A deputy foreign minister from each side joined nine economists, six engineers and four "
         "journalists from Egypt and Ethiopia in Nairobi for two days of negotiations on a draft "
         "agreement on sharing the Nile's flow data.", "Track 1.5", "nonstate-outnumber-officials"),
        ("The foreign ministers of Egypt and Ethiopia and their delegations negotiated for two days "
         "in Nairobi and signed an agreement on sharing the Nile's flow data; a business leader and "
         "an engineer advised the Ethiopian delegation.", "Track 1", "officials-only"),
        ("Government negotiators and commanders of the rebel movement signed a ceasefire agreement "
         "in Juba on Friday after talks mediated by a church council and two peace foundations, with "
         "scholars, lawyers and elders advising both delegations.",
         "Track 1", "officials-on-official-business"),
        # Outnumbered, not only clearly outnumbered (setting nonstate_majority 1.0 since rule set
        # 2026.12.6): a leaders' business roundtable on the sidelines of a state visit.
        ("HANOI, 14 March. The Prime Minister and the trade minister sat down with chief "
         "executives, bankers and economists from both countries at a business roundtable on the "
         "sidelines of the state visit, where they discussed the investment treaty and the tariff "
         "schedule of the trade agreement.", "Track 1.5", "nonstate-outnumber-officials"),
    ],
    ids=["scholars-outnumber-a-minister", "advisers-to-official-delegations",
         "peace-talks-with-private-mediators", "leaders-business-roundtable"],
)
def test_officials_among_many_more_nonstate_people_discussing_official_business(
    rules_clf, text, expected, decision
):
    verdict = rules_clf.classify(text)
    assert verdict.label == expected, verdict.explanation
    assert [e.source for e in verdict.evidence if e.kind == "decision"] == [decision]
    if expected == "Track 1.5":
        assert "non-state people named outnumber them" in verdict.explanation


@pytest.mark.parametrize(
    "text, expected, role, status",
    [
        ("As in previous years, a director-general from each foreign ministry joined the twenty "
         "scholars and journalists of the trilateral dialogue in Jeju, in a personal capacity.",
         "Track 1.5", "director-general", "counted"),
        ("The previous ambassador joined the twenty scholars and journalists of the trilateral "
         "dialogue in Jeju.", "Track 2", "previous ambassador", "former"),
    ],
    ids=["previous-years-is-a-time", "previous-ambassador-left-office"],
)
def test_an_ambiguous_modifier_read_in_another_sense_modifies_nothing(rules_clf, text, expected, role, status):
    assert_role_read_as(rules_clf.classify(text), expected, role, status)


@pytest.mark.parametrize(
    "text, role",
    [
        ("The district governors of Batken and Isfara opened the workshop and stayed for the session "
         "on irrigation with village elders and teachers from both sides of the border.",
         "district governors"),
        ("I attended the youth climate forum last week with the honourable member for Tanna; the "
         "young people questioned us for a full day in the working group on loss and damage.",
         "honourable member"),
    ],
    ids=["district-governors", "honourable-member"],
)
def test_local_officials_and_legislators_are_officials(rules_clf, text, role):
    verdict = rules_clf.classify(text)
    assert verdict.label == "Track 1.5", verdict.explanation
    assert f'Officials: "{role}"' in verdict.explanation


@pytest.mark.parametrize(
    "text, sign",
    [
        ("Programme. Day 1: keynote by a former foreign minister, then a panel of retired generals "
         "and historians on the border war. Day 2: students' roundtable on shared school textbooks. "
         "Registration may be required.", '"Day 1"'),
        ("About the choir. Our youth choir brings together singers from Armenia and Azerbaijan. The "
         "choir's tour of the Caucasus can be followed on our page, and new members may be welcome.",
         "tour"),
    ],
    ids=["programme-days", "a-tour"],
)
def test_a_tour_or_the_days_of_a_programme_place_the_occasion_in_time(rules_clf, text, sign):
    # Two faint signs of another kind of page ("may be", "can be") and no other occasion
    # would make these abstain; the tour and the programme's days are the occasion.
    verdict = rules_clf.classify(text)
    assert verdict.label == "Track 2", verdict.explanation
    assert "a specific occasion" in verdict.explanation and sign in verdict.explanation


# ---- rule set 2026.12.5: edges of an event and roles that only sound official ------------


@pytest.mark.parametrize(
    "text, expected, role",
    [
        ("UN Secretary-General Ban Ki-moon met the two leaders in Nicosia on 3 May to restart "
         "the talks.", "Track 1", "Secretary-General"),
        ("Ghana's president received the French president in Accra on 3 May for talks on trade "
         "and security.", "Track 1", "president"),
        ("Government officials from both countries met in Geneva on 3 May to negotiate the "
         "water-sharing annex.", "Track 1", "Government officials"),
        ("The foreign minister met her Turkish counterpart at the ambassador's residence in "
         "Ankara on 3 May to discuss the border crossings.", "Track 1", "foreign minister"),
    ],
    ids=["un-secretary-general", "a-states-president", "government-officials", "minister-at-a-residence"],
)
def test_the_same_roles_still_count_when_they_take_part(rules_clf, text, expected, role):
    assert_role_read_as(rules_clf.classify(text), expected, role, "counted")


@pytest.mark.parametrize(
    "text",
    [
        "Critics call the network little more than a social calendar for party officials",
        "The seminar in Accra on 3 May brought scholars together with party officials from both sides.",
        "A delegation of eight trade union officials spent a fortnight in Japan in July 1974 as "
        "guests of the dockers' federation.",
    ],
    ids=["at-the-end-of-the-text", "inside-a-sentence", "trade-union-officials"],
)
def test_an_official_noun_inside_a_nonstate_phrase_is_that_phrase(rules_clf, text):
    # "party officials", "union officials" hold no state post (guideline rule 11): the
    # official-noun pattern inside the phrase adds no official. At the very end of a text
    # this once raised an IndexError.
    verdict = rules_clf.classify(text)
    roles = [(e.text, e.supports) for e in verdict.evidence if e.kind == "participant"]
    assert roles and all(side == "Track 2" for _, side in roles), verdict.explanation
    assert any("officials" in quoted for quoted, _ in roles), verdict.explanation


@pytest.mark.parametrize(
    "text, occasion",
    [
        ("The seminar on Gulf security meets on Tuesdays; applications must reach the "
         "department by 30 June.", None),
        ("Visa applications close 15 April; passports must be valid until 31 December.", None),
        ("Scholars and retired diplomats from both countries met in Muscat on 30 June to discuss "
         "Gulf security.", "on 30 June"),
        ("The scholars met on Tuesday in Muscat to discuss Gulf security.", "on Tuesday"),
    ],
    ids=["weekly-and-deadline", "closing-date", "a-date", "a-weekday"],
)
def test_a_deadline_or_a_weekly_habit_is_no_occasion(rules_clf, text, occasion):
    events = [e.text for e in rules_clf.classify(text).evidence if e.kind == "event"]
    if occasion is None:
        assert not [t for t in events if any(ch.isdigit() for ch in t) or "day" in t.lower()], events
    else:
        assert any(occasion.split()[-1] in t for t in events), events


_READERS_REPORT = (
    "Thank you for your interest in our work. On 3 May, in your city, forty of your "
    "neighbours, Israeli and Palestinian teachers, met for a day-long workshop on school "
    "textbooks; your support made it possible, and your letters were read aloud at the "
    "closing session."
)


@pytest.mark.parametrize(
    "text",
    # Without its closing sentence the report has no "this week" to place it in time; the
    # reader addressed must not outweigh the meeting either way.
    [_READERS_REPORT + " We will send your copy of the report this week.", _READERS_REPORT],
    ids=["with-a-closing-sentence", "without"],
)
def test_a_sign_of_another_kind_of_page_counts_once_however_often_it_repeats(rules_clf, text):
    # A report addressed to its readers says "you" and "your" again and again; that is one
    # sign of the page's voice, not five, and it does not outweigh the occasion it reports.
    verdict = rules_clf.classify(text)
    assert verdict.label == "Track 2", verdict.explanation
    signs = [e for e in verdict.evidence if e.kind == "genre"]
    assert len({e.text.lower() for e in signs}) < len(signs), "the text must repeat a sign"
    # "you" and "your" are both found, and count as one sign of the reader addressed.
    assert {"you", "your"} <= {e.text.lower() for e in signs}


# ---- experts in an official delegation are officials (guideline rule 11; rule set 2026.12.6) --

@pytest.mark.parametrize(
    "text, expert, body",
    [
        ("Officials of the water ministries of Mozambique and Malawi met in Blantyre for the third "
         "round on the Shire-Zambezi waterway; two hydrologists from the national university "
         "advised the Malawian delegation.", "hydrologists", "university"),
        ("Kenya's trade minister led its delegation in the second round with the Gulf states, "
         "together with two economists from a Nairobi think tank, whom the ministry appointed as "
         "advisers to the delegation for the round.", "economists", "think tank"),
    ],
    ids=["advised-the-delegation", "appointed-as-advisers-in-a-relative-clause"],
)
def test_experts_in_an_official_delegation_count_as_officials(rules_clf, text, expert, body):
    verdict = rules_clf.classify(text)
    assert verdict.label == "Track 1", verdict.explanation
    delegates = [e for e in verdict.evidence if e.status == "delegate"]
    assert any(e.text.startswith(expert) for e in delegates), verdict.explanation
    assert all(e.supports == "Track 1" for e in delegates)
    assert "Experts in an official delegation, counted as officials" in verdict.explanation
    # The body they come from is no non-state participant: it is marked with them.
    assert body not in {e.text for e in verdict.evidence if e.status == "counted"}, verdict.explanation


def test_advising_the_organisers_is_not_sitting_in_a_delegation(rules_clf):
    verdict = rules_clf.classify(
        "Officials of the water ministries of Mozambique and Malawi met scholars and farmers' "
        "leaders in Blantyre for a workshop on the Shire valley; two hydrologists advised the "
        "organisers.")
    assert verdict.label == "Track 1.5", verdict.explanation
    assert not any(e.status == "delegate" for e in verdict.evidence)


@pytest.mark.parametrize(
    "text, title",
    [
        ("Kenya's principal secretary for foreign affairs joined scholars and journalists at a "
         "two-day workshop on Horn of Africa security in Naivasha on Monday.", "principal secretary"),
        ("The chief secretary of Sindh opened a roundtable of traders, economists and NGO leaders "
         "on cross-border trade in Karachi and stayed for the first session.", "chief secretary"),
        ("Britain's home secretary sat with community leaders, imams and academics at a dialogue "
         "on integration in Bradford last week.", "home secretary"),
        ("The deputy speaker of the Ugandan parliament and two party youth leaders joined forty "
         "students at a peace camp in Gulu.", "deputy speaker"),
    ],
    ids=["principal-secretary", "chief-secretary", "home-secretary", "deputy-speaker"],
)
def test_cabinet_and_civil_service_titles_called_secretary_are_officials(rules_clf, text, title):
    """Secretaries who head a department or the civil service, and a legislature's deputy
    speaker, hold state office (guideline rule 11; rule set 2026.12.6)."""
    verdict = rules_clf.classify(text)
    assert verdict.label == "Track 1.5", verdict.explanation
    assert any(e.text.lower() == title and e.supports == "Track 1" and e.status == "counted"
               for e in verdict.evidence), verdict.explanation


# ---- fewer engagements thrown away (rule set 2026.12.7) ------------------------------------

def test_presenting_credentials_is_a_meeting_however_long_the_envoys_cv(rules_clf):
    """A news report of one meeting is an engagement, however much of it is background
    (guideline, "What counts as an engagement"): the envoy's career does not outweigh the
    audience with the head of state."""
    verdict = rules_clf.classify(
        "Windhoek, Tuesday. The new Ambassador of Finland, Ms Kaisa Lehtonen, presented her "
        "letters of credence to the President of Namibia at State House. In a conversation after "
        "the ceremony the two discussed green hydrogen, fisheries and the planned opening of a "
        "trade office. Ms Lehtonen entered the foreign service in 1998 and previously served as "
        "consul in Shanghai and as deputy head of mission in Pretoria.")
    assert verdict.label == "Track 1", verdict.explanation
    assert 'a specific occasion "presented her letters of credence"' in verdict.explanation


def test_an_accreditation_procedure_page_is_no_engagement(rules_clf):
    verdict = rules_clf.classify(
        "Accreditation of heads of mission. Before an ambassador is appointed, the sending state "
        "requests the agrément of the host government through the Protocol Department. Once "
        "agrément is granted, a copy of the letters of credence should be submitted to the Chief "
        "of Protocol, and the ambassador-designate is requested to call on the Minister only after "
        "the ceremony at State House. Dark suits are required.")
    assert verdict.label == "none", verdict.explanation
    assert verdict.explanation.startswith("Abstained")
    assert '"agrément"' in verdict.explanation and '"Protocol Department"' in verdict.explanation


def test_an_evening_told_from_the_table_is_an_engagement(rules_clf):
    """A blog post that places nobody at a dated meeting but tells who sat around the table
    over dinner describes one occasion: it is labelled, not thrown away."""
    verdict = rules_clf.classify(
        "Notes from a long evening in Quito. Six of us sat around the table: two historians, a "
        "bishop, an economist, a reporter, and the deputy head of the ministry's border "
        "department, who made clear she was there off the record. Over dinner we argued about "
        "the 1941 war for three hours and agreed on almost nothing except the soup.")
    assert verdict.label == "Track 1.5", verdict.explanation
    assert '"sat around"' in verdict.explanation and '"Over dinner"' in verdict.explanation


@pytest.mark.parametrize(
    "qualifier, expected, status",
    [("retired", "Track 2", "former"), ("serving", "Track 1.5", "counted")],
)
def test_a_title_taken_up_again_with_the_is_the_same_person(rules_clf, qualifier, expected, status):
    """Guideline rule 2: "the admiral" after "a retired rear admiral" is the same retired
    officer, not a serving one who joined later; after "a serving rear admiral" it stays an
    official."""
    verdict = rules_clf.classify(
        f"After the Shangri-La sessions six of us met for breakfast: a {qualifier} Indonesian rear "
        "admiral, two professors from Singapore and a journalist from Manila. Over coffee the "
        "admiral and the two professors agreed that hotlines matter less than who may pick up "
        "the phone.")
    assert verdict.label == expected, verdict.explanation
    later = [e for e in verdict.evidence if e.text == "admiral"]
    assert later and all(e.status == status for e in later), verdict.explanation


def test_a_former_over_a_list_of_roles_does_not_carry_to_the_later_mention(rules_clf):
    """'retired admirals and diplomats' may list serving diplomats: 'the diplomats' later
    keeps its own reading (here serving, in a personal capacity)."""
    verdict = rules_clf.classify(
        "Scholars, two retired admirals and diplomats from both foreign ministries met in Sao "
        "Paulo for two days; the diplomats took part in a personal capacity.")
    assert verdict.label == "Track 1.5", verdict.explanation
    assert any(e.text == "diplomats" and e.status == "counted" for e in verdict.evidence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Nobody in the room held a government post, and we said so to each other with relief.",
        "None of the participants held any public office at the time.",
    ],
)
def test_holding_no_office_said_at_a_distance_marks_officials_absent(rules_clf, sentence):
    """Guideline rule 1: 'nobody ... held a government post' says no official took part,
    even with words between the negation and the office."""
    verdict = rules_clf.classify(
        "Economists and historians from Lahore and Delhi met for three days in Kathmandu to "
        f"compare how their schoolbooks teach 1947. {sentence}")
    assert verdict.label == "Track 2", verdict.explanation
    office = [e for e in verdict.evidence if e.source == "official-role"]
    assert office and all(e.status == "negated" for e in office), verdict.explanation


def test_a_participant_who_holds_a_government_post_is_an_official(rules_clf):
    verdict = rules_clf.classify(
        "Economists from Lahore and Delhi met for three days in Kathmandu; one participant, who "
        "holds a government post in the planning ministry, spoke on trade.")
    assert verdict.label == "Track 1.5", verdict.explanation
    assert '"holds a government post"' in verdict.explanation


@pytest.mark.parametrize(
    "head, expected",
    [
        ("the President of the National Union of Ghana Students", "Track 2"),
        ("the president of the Tamale Women's Cooperative", "Track 2"),
        ("the President of Ghana", "Track 1.5"),
        ("the vice president of the National Union of Ghana Students", "Track 2"),
        ("the campus federation and its vice president", "Track 2"),
        ("the Vice President of Ghana", "Track 1.5"),
    ],
)
def test_the_head_of_a_nonstate_body_named_further_on_is_no_official(rules_clf, head, expected):
    """Guideline rule 11: a president (or vice president) of a students' union or a
    cooperative holds no state post, however many words lie between 'of' and the body's kind."""
    verdict = rules_clf.classify(
        f"Student leaders from Accra and Oslo met for a week of workshops on campus democracy; "
        f"{head} led the Ghanaian group, which included eleven students.")
    assert verdict.label == expected, verdict.explanation


def test_the_entries_under_a_participants_heading_describe_who_was_there(rules_clf):
    """A list of participants names who took part, one person per entry, even though no
    entry has a meeting word: the diplomat in it is a participant, not background."""
    verdict = rules_clf.classify(
        "The Centre for Himalayan Studies concluded the third round of its young scholars' "
        "dialogue on Wednesday. Over two days, fourteen participants discussed border trade and "
        "river data. Participants: Dr Ananya Rao, CHS (convenor); Mr Zhang Wei, Fudan "
        "University; Ms Kavya Iyer, a research foundation; Ms Li Na, First Secretary "
        "(Political), Embassy of China, New Delhi; Dr Rohit Sen, Jawaharlal Nehru University; "
        "Mr Huang Jie, Xinhua (correspondent).")
    assert verdict.label == "Track 1.5", verdict.explanation
    secretary = [e for e in verdict.evidence if e.text == "First Secretary"]
    assert secretary and secretary[0].status == "counted", verdict.explanation


def test_two_town_councils_in_joint_session_are_officials(rules_clf):
    """Guideline rule 11: local governments acting for their towns are officials, named as
    councils or councillors as much as by a mayor's title."""
    verdict = rules_clf.classify(
        "On 18 May 1963 the municipal councils of two partner towns, one in the Doubs and one "
        "in Wurttemberg, met in joint session in the French town hall and adopted a declaration "
        "on exchanges of municipal employees. Councillors then held working sessions on housing.")
    assert verdict.label == "Track 1", verdict.explanation
    assert '"municipal councils"' in verdict.explanation


def test_an_office_held_until_a_past_defeat_is_former(rules_clf):
    """Guideline rule 2: 'a member of the House of Representatives until his defeat' no
    longer holds the seat."""
    verdict = rules_clf.classify(
        "Historians and teachers from Japan and Korea met in Fukuoka for two days. The Japanese "
        "side was joined by Mr Takeshi Omura, a member of the House of Representatives until his "
        "defeat in the 2012 election, who now teaches at a private university.")
    assert verdict.label == "Track 2", verdict.explanation
    member = [e for e in verdict.evidence if "House of Representatives" in e.text]
    assert member and all(e.status == "former" for e in member), verdict.explanation


def test_roles_listed_under_apologies_in_minutes_were_not_there(rules_clf):
    """Minutes list who stayed away under 'Apologies:': an MP and a ministry named there
    took no part, however far after the heading."""
    verdict = rules_clf.classify(
        "Minutes of the fourth meeting of the bicommunal education group, Nicosia, 3 May. "
        "Present: Dr Eleni Kyriakou (University of Cyprus, chair); Mr Hasan Oz (teacher); "
        "Ms Sofia Ioannou (doctoral student). Apologies: Mr Nikos Demetriou, Member of the House "
        "of Representatives, who had hoped to report on a committee hearing; the Ministry of "
        "Education. 1. The group agreed to exchange history lesson plans.")
    assert verdict.label == "Track 2", verdict.explanation
    absent = [e for e in verdict.evidence if e.kind == "participant" and e.source.startswith("official")]
    assert absent and all(e.status == "negated" for e in absent), verdict.explanation


def test_members_of_a_legislature_named_by_its_own_name_are_officials(rules_clf):
    """Guideline rule 11: serving legislators are officials, also when the text names the
    chamber in its own language ('members of the Riigikogu')."""
    verdict = rules_clf.classify(
        "Thirty-two secondary-school students from Estonia, Latvia and Finland met in Tartu for "
        "a youth parliament on minority-language schooling. Two members of the Riigikogu joined "
        "the plenary as invited panellists and answered the students' questions for ninety "
        "minutes.")
    assert verdict.label == "Track 1.5", verdict.explanation
    assert '"members of the Riigikogu"' in verdict.explanation


def test_who_sat_across_the_table_and_what_they_agreed_describe_a_meeting(rules_clf):
    """A report told from the room, with no 'met' or 'talks': the table and the agreement
    show the parties dealing with each other, so the engagement is not thrown away."""
    verdict = rules_clf.classify(
        "NEW YORK, Sept. 22 - Closeted for most of Sunday in a private dining room of the Plaza "
        "Hotel, the finance ministers and central bank governors of five industrial democracies "
        "agreed that the dollar had climbed too far. Across the table from the Treasury "
        "Secretary sat his colleagues from Japan, West Germany, France and Britain.")
    assert verdict.label == "Track 1", verdict.explanation
    assert '"agreed that"' in verdict.explanation or '"Across the table"' in verdict.explanation


def test_a_list_of_apologies_ends_at_the_next_heading(rules_clf):
    """Minutes that run 'Apologies: ...; Present: ...' on one line: the people present are
    not swept into the apologies."""
    verdict = rules_clf.classify(
        "Minutes of the fourth meeting, Oslo, 3 May. Apologies: Mr John Smith, Member of "
        "Parliament; Present: the deputy foreign minister of Norway, Professor Lee of Oslo "
        "University, two researchers from Colombo. 1. The group discussed the ceasefire.")
    minister = [e for e in verdict.evidence if e.text == "deputy foreign minister"]
    assert minister and minister[0].status == "counted", verdict.explanation
    assert verdict.label == "Track 1.5", verdict.explanation


def test_words_that_only_look_like_titles_are_not_officials(rules_clf):
    """'1 pm' is a clock time, not a prime minister, and 'General' before director, council
    or assembly belongs to another title or a name, not to a military rank (guideline rule
    11): a diaspora meeting of elders and a trade-union federation is Track 2."""
    verdict = rules_clf.classify(
        "Community dialogue, Saturday 14 September 2019, 1 pm to 6 pm, community hall, "
        "Footscray. Elders of the South Sudanese congregations and two youth leaders met the "
        "deputy general director of the Australian Council of Trade Unions and members of the "
        "General Council of a Kenyan workers' federation to talk about jobs for young arrivals.")
    assert verdict.label == "Track 2", verdict.explanation
    read_otherwise = {e.text for e in verdict.evidence if e.status == "ambiguous"}
    assert {"pm", "general", "General"} <= read_otherwise, verdict.explanation
    assert "Officials:" not in verdict.explanation


def test_an_exact_form_ambiguous_entry_keeps_its_exact_form(rules_clf):
    """'general!' is ambiguous in its exact form only: 'generals' is counted once, by the
    strong entry for generals, and 'General Habiger' still counts as an officer."""
    verdict = rules_clf.classify(
        "Two generals of the Kenya Defence Forces met General Habiger and the foreign minister "
        "in Nairobi for staff talks.")
    found = [e.text for e in verdict.evidence if e.kind == "participant" and e.status == "counted"]
    assert found.count("generals") == 1, found
    assert "General" in found, found
    assert verdict.label == "Track 1", verdict.explanation


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("Beekeepers from Georgia and Armenia spent three days in Tbilisi comparing hive "
         "treatments against varroa and agreed to sell honey together at the next autumn fair.",
         "Beekeepers"),
        ("Midwives from both sides of the Armenia-Azerbaijan border held a joint training on "
         "obstetric emergencies in Tbilisi in March.", "Midwives"),
        ("Librarians from Serbia and Kosovo met in Skopje for two days to share cataloguing "
         "methods for Ottoman-era manuscripts.", "Librarians"),
    ],
    ids=["beekeepers", "midwives-from-both-sides", "librarians"],
)
def test_people_named_by_an_unlisted_occupation_are_non_state(rules_clf, text, people):
    """An occupation no lexicon lists, said of people who come from somewhere, names
    non-state participants (guideline rule 6): not the first of tied tracks, Track 1."""
    verdict = rules_clf.classify(text)
    assert verdict.label == "Track 2", verdict.explanation
    found = [e for e in verdict.evidence if e.source == "nonstate-occupation"]
    assert [e.text for e in found] == [people], verdict.evidence
    assert f'Non-state participants: "{people}"' in verdict.explanation


def test_an_unlisted_occupation_is_read_only_when_nobody_else_is_found(rules_clf):
    """The guess from a word's ending never competes with a role the lexicons know: with a
    minister in the room it is not read at all."""
    verdict = rules_clf.classify(
        "The agriculture minister of Armenia met the foreign minister of Georgia in Tbilisi; "
        "winemakers from both countries were mentioned in the joint statement.")
    assert not [e for e in verdict.evidence if e.source == "nonstate-occupation"], verdict.evidence
    ordered = rules_clf.classify(
        "Orders from Moscow and letters from Kyiv were read out when the two sides met in "
        "Minsk on Tuesday.")
    assert not [e for e in ordered.evidence if e.source == "nonstate-occupation"], ordered.evidence


def test_the_fallback_scan_reads_each_cue_of_the_text_once(rules_clf):
    """The second scan, for people named by an unlisted occupation, adds only them: the
    capacity cue of the first scan is not counted again."""
    text = ("Potters from Gaza and Sderot met off the record in a kibbutz workshop in May to "
            "plan a joint exhibition.")
    verdict = rules_clf.classify(text)
    assert [e.text for e in verdict.evidence if e.source == "nonstate-occupation"] == ["Potters"]
    assert [e.text for e in verdict.evidence if e.kind == "capacity"] == ["off the record"]


@pytest.mark.parametrize(
    "text",
    ["The two sides met again in Oslo on Tuesday.", "Both communities held a joint meeting in the village."],
)
def test_a_tie_between_tracks_abstains_even_when_a_meeting_is_placed_in_time(rules_clf, text):
    """With nobody named and nothing official or unofficial about the meeting, no track is
    better supported: the rules abstain and say that a meeting may be described but not who
    took part, rather than give the first of the tied tracks (Track 1) by default, which the
    guideline rules out. Until 2026.12.39 a meeting placed in time got Track 1."""
    verdict = rules_clf.classify(text)
    assert verdict.label == "none", verdict.explanation
    assert verdict.explanation.startswith(
        "Abstained (confidence 0.35): an engagement may be described, but nothing says clearly who "
        "took part or how formally: no track is better supported than another (Track 1, Track 1.5, "
        "Track 2 tie)"
    ), verdict.explanation
    assert '"met"' in verdict.explanation or '"meeting"' in verdict.explanation


def test_an_unlisted_occupation_is_read_beside_officials_said_to_be_absent(rules_clf):
    """Officials said to be absent are nobody taking part: the people named by an unlisted
    occupation are then read, and the officials' absence is recorded once."""
    verdict = rules_clf.classify(
        "Librarians from Serbia and Kosovo spent three days in Skopje cataloguing a shared "
        "archive of Ottoman-era manuscripts, with no officials present.")
    assert verdict.label == "Track 2", verdict.explanation
    # Found by the fallback rule only, they weigh less than one participant, as the reason says
    # ("names nobody else clearly"); they are listed, under a heading that says so.
    assert 'Non-state words too faint to count as anyone taking part: "Librarians"' in verdict.explanation
    negated = [e.text for e in verdict.evidence if e.status == "negated"]
    assert negated == ["with no officials"], verdict.evidence


@pytest.mark.parametrize(
    "text",
    [
        "The two sides met again in Skopje for three days; no government officials took part.",
        "The delegations sat down in Oslo on Tuesday, though the ministries declined to send anyone.",
    ],
)
def test_officials_said_absent_with_nobody_else_named_is_track_2(rules_clf, text):
    """An engagement from which the officials are said to be absent is unofficial, even when
    nobody else is named: not the first of tied tracks, Track 1."""
    verdict = rules_clf.classify(text)
    assert verdict.label == "Track 2", verdict.explanation
    decision = next(e.source for e in verdict.evidence if e.kind == "decision")
    assert decision == "officials-said-absent-nobody-named"
    assert re.match(r"Track 2 \(confidence 0\.\d\d\): the text says the officials stayed away", verdict.explanation)
    assert "Negated, not counted:" in verdict.explanation


def test_an_organisations_people_in_person_weigh_what_its_rule_says():
    """staff_weight is data: one of UNESCO's people named in the room counts at the rule's
    staff_weight (full, an official in person), and at the name's own light weight when a
    researcher's rule table leaves it out."""
    from dataclasses import replace

    from diplotrack.ruleset import load_ruleset

    text = ("Present: Prof. M. Ramachandran and Dr S. Rizvi (Indian institutes); Mr A. Fernando "
            "(Colombo Museum); Dr W. Elliott, representing UNESCO. The meeting agreed a common "
            "grid of stations for the survey.")
    shipped = load_ruleset().rules
    rule = next(r for r in shipped if r.id == "intergovernmental-name")
    assert rule.staff_weight == 1.0 and rule.weight < 1.0

    def unesco_weight(rules) -> float:
        verdict = RuleClassifier(rules=rules).classify(text)
        return next(e.weight for e in verdict.evidence if e.source == "intergovernmental-name")

    assert unesco_weight(shipped) == pytest.approx(1.0)
    without = [replace(r, staff_weight=None) if r.id == rule.id else r for r in shipped]
    assert unesco_weight(without) == pytest.approx(rule.weight)


@pytest.mark.parametrize(
    "text, faint",
    [
        # An armed group meeting clergy, with no government across the table, is a non-state
        # participant (guideline rule 5): its name is no official taking part.
        ("Church leaders and elders from both communities met RENAMO commanders in a mission "
         "school near Gorongosa to talk about returning displaced families.", "RENAMO"),
        # A lone mention of the EU in a students' summer school weighs less than one official.
        ("Students and lecturers from universities in Serbia and Kosovo spent a week at a summer "
         "school in Ohrid run by a youth NGO, with sessions on EU accession.", "EU"),
    ],
)
def test_official_words_too_faint_to_count_are_not_listed_as_officials(text, faint):
    """A Track 2 verdict whose reason is that no serving official took part must not list the
    official words it weighed under "Officials": they are listed under a heading that says
    they fall short of one official taking part, so the explanation does not contradict itself."""
    v = diplotrack.classify(text, method="rules")
    assert v.label == T2, v.explanation
    assert "Officials:" not in v.explanation, v.explanation
    assert _section(v.explanation, "too faint") == [faint.lower()], v.explanation


def test_words_too_faint_to_count_are_not_participants_beside_a_reason_that_names_nobody():
    # "No participants are named" next to "Non-state participants: ..." contradicted itself in 39
    # explanations of the dataset and the development set (2026.12.33).
    text = "Our institute runs a seminar series on peace-building each autumn; sessions are open to the public."
    v = diplotrack.classify(text, method="rules")
    assert v.label == "none" and "no participants are named" in v.explanation, v.explanation
    assert "Non-state participants:" not in v.explanation and "Officials:" not in v.explanation
    assert _section(v.explanation, "too faint to count as anyone") == ["institute"], v.explanation


def test_people_a_best_supported_track_rests_on_keep_their_heading():
    # Found only by the fallback rule, the beekeepers are the evidence for Track 2 (guideline rule 6).
    v = diplotrack.classify("Beekeepers from Georgia and Armenia met in Tbilisi.", method="rules")
    assert v.label == T2 and "the track the evidence supports most" in v.explanation
    assert _section(v.explanation, "non-state participants") == ["beekeepers"], v.explanation
    assert "too faint" not in v.explanation


def test_officials_who_count_keep_their_heading():
    text = ("A senior State Department official joined scholars and NGO leaders at a closed-door "
            "workshop on Sudan in Nairobi.")
    v = diplotrack.classify(text, method="rules")
    assert v.label == T15, v.explanation
    assert _section(v.explanation, "officials") == ["state department", "official"], v.explanation
    assert "too faint" not in v.explanation


BLANKET_DENIAL = (
    "Twelve hydrology students from Tashkent and Dushanbe spent a week on the Syr Darya measuring "
    "salt levels with their professors, on a field course run by the two universities and paid for "
    "by a Swiss foundation. Everyone at home asks us about the president and his talks in Dushanbe. "
    "We saw nothing of that: nobody from either government took part in the course."
)


def test_a_denial_of_every_government_outweighs_an_official_named_in_passing(rules_clf):
    """'Nobody from either government took part' denies the whole class of officials (context
    lists blanket_denials and official_classes), so it outweighs a president the text only
    mentions (guideline rule 3): Track 2, with the denial quoted as negated."""
    v = rules_clf.classify(BLANKET_DENIAL)
    assert v.label == T2, v.explanation
    assert _section(v.explanation, "negated") == ["nobody from either government"], v.explanation
    assert "the officials stayed away" in v.explanation


def test_the_weight_of_a_blanket_denial_is_a_setting(rules_clf):
    """At a factor of 1 the same denial weighs as a denial of one role, and the president
    makes it a mixed meeting again: the behaviour is the setting's, not a special case."""
    from dataclasses import replace

    plain = RuleClassifier().fit()  # its own engine: the shared classifier is left alone
    plain.engine_.settings = replace(plain.engine_.settings, blanket_denial_factor=1.0)
    assert plain.classify(BLANKET_DENIAL).label == T15
    assert rules_clf.classify(BLANKET_DENIAL).label == T2


def test_a_tie_with_no_occasion_abstains_instead_of_forcing_a_track(rules_clf):
    """Nothing says who took part, no track is better supported and nothing places a meeting in
    time: the rules abstain and say why, rather than give the first of the tied tracks (the
    guideline never forces one of the three)."""
    v = rules_clf.classify(
        "Rock carvings of the Syunik plateau. Surveys of the basalt outcrops near Sisian have "
        "recorded thousands of carvings of goats and deer, together with signs whose meaning is "
        "still argued over.")
    assert v.label == "none", v.explanation
    assert v.explanation.startswith("Abstained (confidence 0.35): an engagement may be described, but "
                                     "nothing says clearly who took part"), v.explanation
    assert "supports most" not in v.explanation
    decision = [e for e in v.evidence if e.kind == "decision"]
    assert [(e.source, e.supports) for e in decision] == [("too-little-evidence", None)]
    assert decision[0].note.startswith("an engagement may be described")


def test_a_denial_of_one_government_is_no_blanket_denial():
    """'one' denies everybody only in 'no one' / 'not one': officials of one government who
    did not attend are a denial of one role, weighed once."""
    from dataclasses import replace

    engine = RuleClassifier().fit().engine_
    plain = RuleClassifier().fit().engine_
    plain.settings = replace(plain.settings, blanket_denial_factor=1.0)

    def denied(eng, text):
        return eng.summarize(as_engagement(text)).negated_officials

    one = "Officials of one government did not attend the workshop of scholars in Vienna."
    either = "Officials of either government did not attend the workshop of scholars in Vienna."
    assert denied(engine, one) == denied(plain, one) > 0
    assert denied(engine, either) > denied(plain, either) == denied(plain, one)


ONE_SIDE_DENIAL = (
    "A delegation of eleven Ghanaian cocoa farmers, traders and agronomists spent three days in "
    "Abidjan comparing notes on swollen-shoot disease and smuggling across the border. Nobody in "
    "the delegation holds public office; the trip was paid for by a farmers' cooperative union. "
    "At the agriculture ministry they were received by the deputy minister and two directors, who "
    "went through the new pricing rules with them for most of an afternoon."
)


def test_a_denial_narrowed_to_one_side_leaves_the_hosts_officials():
    """'Nobody in the delegation holds public office' says the visitors are non-state and nothing
    about the officials who received them (context list one_side_groups): the role is not
    counted, the denial is no sign that officials stayed away, and the deputy minister who
    received them takes part (guideline rule 10), so the meeting is mixed, not Track 2."""
    engine = RuleClassifier().fit().engine_
    assert engine.summarize(as_engagement(ONE_SIDE_DENIAL)).negated_officials == 0
    v = diplotrack.classify(ONE_SIDE_DENIAL, method="rules")
    assert v.label == T15, v.explanation
    assert _section(v.explanation, "negated") == ["nobody in the delegation holds public office"], v.explanation
    assert "deputy minister" in _section(v.explanation, "officials"), v.explanation


DENIED_MEETING = (
    "MANILA - The Department of Foreign Affairs on Friday dismissed reports that its undersecretary "
    "would meet Chinese officials in Xiamen next week to discuss resupply missions to the Second "
    "Thomas Shoal. A department spokesperson told reporters that no such meeting had been scheduled "
    "and that the country's position on the arbitral award was unchanged. The reports, carried by "
    "two Hong Kong newspapers, cited unnamed diplomats. Tensions have risen since a collision "
    "between coast guard vessels in June."
)
TALKS_WITH_A_DENIAL = (
    "HANOI - Vietnamese and Cambodian deputy foreign ministers held a second day of talks on the "
    "demarcation of their land border in Hanoi on Thursday, agreeing to finish the remaining "
    "markers by the end of next year. The two delegations, each of about a dozen officials, "
    "reviewed maps of sixteen disputed points. Cambodia's foreign ministry denied reports that the "
    "talks had stalled over a stretch near Tay Ninh, saying both sides had worked in a "
    "constructive spirit."
)


def test_a_meeting_reported_only_to_be_denied_abstains(rules_clf):
    """A ministry dismissing reports of a meeting describes no engagement (guideline rule 3 and
    what counts as an engagement): the rules abstain and quote the denial."""
    v = rules_clf.classify(DENIED_MEETING)
    assert v.label == "none", v.explanation
    assert "the text reports the meeting only as denied" in v.explanation
    assert {"dismissed reports", "no such meeting"} <= set(_section(v.explanation, "else")), v.explanation


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # The denied report retold in full: its date and meeting verbs are the report's.
        ("RABAT - Morocco's foreign ministry on Thursday rejected as baseless an account in a "
         "Madrid weekly that the two countries' intelligence chiefs had sat down for four hours in "
         "a hotel near Lisbon on 12 May to discuss the Western Sahara file and agreed to meet again "
         "in June. 'No such meeting took place, in Lisbon or anywhere else,' a ministry spokesman "
         "said. Relations between the two governments have been strained since the spring.",
         "no such meeting"),
        # A history word in the attribution after the denial does not make it history.
        ("RABAT - Morocco's foreign ministry on Thursday rejected an account in a Madrid weekly "
         "that the two countries' intelligence chiefs had met in a hotel near Lisbon on 12 May. "
         "'No such meeting took place, in Lisbon or anywhere else,' a ministry spokesman told "
         "reporters earlier in the day, repeating a denial first issued on Tuesday.",
         "no such meeting"),
    ],
    ids=["denied-report-retold", "denial-with-an-attribution"],
)
def test_a_meeting_the_text_itself_denies_abstains_whatever_its_dates(rules_clf, text, sign):
    """A page that denies the meeting it reports describes no engagement (guideline, what
    counts as an engagement): the dates and meeting verbs it holds are those of the denied
    report, so the rules abstain and quote the denial (rule kind ``denial``)."""
    v = rules_clf.classify(text)
    assert v.label == "none", v.explanation
    assert [e.source for e in v.evidence if e.kind == "decision"] == ["meeting-denied"], v.explanation
    assert sign in [q.lower() for q in _section(v.explanation, "else")], v.explanation


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("The foreign ministers of India and China met in Delhi on Monday for three hours of talks "
         "on the border. No such meeting had been held since 2019.", T1),
        ("Historians from Armenia and Turkey held a two-day workshop in Tbilisi in May. No talks "
         "had been held between the two professions for a decade before it.", T2),
    ],
    ids=["first-since", "first-in-a-decade"],
)
def test_a_first_meeting_told_by_the_years_without_one_keeps_its_track(rules_clf, text, label):
    """'No such meeting had been held since 2019' tells the history of a first meeting, not a
    denial of the one reported (context list denial_history): the meeting keeps its track."""
    v = rules_clf.classify(text)
    assert v.label == label, v.explanation


def test_another_meeting_put_off_leaves_the_one_reported(rules_clf):
    """'No new date' for another gathering does not deny the meeting the text reports: a
    postponement is a sign of a page about something else, never a denial of the occasion."""
    v = rules_clf.classify(
        "Since the ceasefire most contact between Ethiopian and Eritrean academics has been online. "
        "A conference planned in Nairobi for March was postponed and still has no new date. So it "
        "mattered that the Rift Valley Institute brought twenty historians, economists and "
        "journalists from both countries together in Kampala on 9 June for a day of talks on "
        "border trade and the return of the displaced."
    )
    assert v.label == T2, v.explanation
    assert "historians" in _section(v.explanation, "non-state"), v.explanation


def test_a_cancelled_visit_is_a_denied_meeting(rules_clf):
    """A cancellation verb just before the meeting denies it as 'did not' does: with nothing
    else placing a meeting in time, the rules abstain and quote the denial."""
    v = rules_clf.classify(
        "Canada's trade minister has cancelled her visit to Seoul because of the strike "
        "at the ports, her office said."
    )
    assert v.label == "none", v.explanation
    assert any(e.kind == "denied_meeting" and "cancelled" in e.text for e in v.evidence), v.evidence


def test_a_consulate_general_is_one_institution_not_a_general(rules_clf):
    """'Consulate general' names a state institution (it was read as a consulate and a
    general, an official in person); here it only helped with visas, so the business
    delegation's meetings stay Track 2."""
    v = rules_clf.classify(
        "A delegation of twenty textile firms from Tiruppur held business-to-business meetings "
        "with members of the Ceylon Chamber of Commerce in Colombo last week. India's consulate "
        "general in Colombo helped the firms with visa letters before the trip."
    )
    assert v.label == "Track 2", v.explanation
    roles = [e.text.lower() for e in v.evidence if e.kind == "participant"]
    assert "consulate general" in roles and "general" not in roles, roles


def test_fellow_before_people_is_no_research_fellow(rules_clf):
    """'Fellow members', 'fellow ministers': an adjective, not a non-state fellow; a senior
    fellow of an institute still is one."""
    v = rules_clf.classify(
        "The Foreign Minister of Estonia met three fellow ministers of the Baltic states in Riga on "
        "Monday to agree a common position on energy links."
    )
    assert v.label == T1, v.explanation
    assert not any(e.text.lower() == "fellow" and e.status == "counted" for e in v.evidence), v.evidence
    v = rules_clf.classify("A senior fellow of the Lowy Institute met the ambassador in Canberra on Monday.")
    assert "senior fellow" in _section(v.explanation, "non-state"), v.explanation


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Twenty-four physicians from Serbia and Kosovo met in Skopje in May to plan joint "
         "training. All attended as individuals, not as representatives of their governments.",
         "governments"),
        ("Teachers, lawyers and students from groups aligned with the government and with the "
         "opposition met for three days in Nairobi to talk about the schools.", "government"),
        ("The youth council ran a week of football and debates for teenagers from both "
         "communities; the programme avoided meetings with officials or politicians.", "officials"),
    ],
    ids=["not-as-representatives", "aligned-with", "avoided-meetings-with"],
)
def test_governments_named_as_a_side_or_refused_are_not_in_the_room(rules_clf, text, role):
    """Officials named only to say the participants do not represent them, lean towards them
    or kept away from them take no part (guideline rules 1 and 3): Track 2, not Track 1.5."""
    v = rules_clf.classify(text)
    assert v.label == T2, v.explanation
    counted = [e.text.lower() for e in v.evidence if e.kind == "participant" and e.status == "counted"]
    assert role not in counted, counted


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Researchers from Pakistani and Indian universities, who are not engaged in any official "
         "capacity, met in Kathmandu on 3 May to compare river-flow data.", T2),
        ("Despite the protests, the German president did not cancel his state visit to Beijing on "
         "12 April.", T1),
        ("The twice-postponed summit between the presidents of Rwanda and Congo opened in Luanda on "
         "Saturday.", T1),
        ("After the first round was postponed, the talks between Armenian and Azerbaijani deputy "
         "foreign ministers were held in Almaty on 10 May.", T1),
        ("The presidents of Azerbaijan and Armenia met in Brussels on Sunday with EU mediation. No "
         "talks had been held between them in eighteen months.", T1),
        ("Civil society activists sat close to the foreign minister during a two-hour roundtable in "
         "Nairobi on Tuesday on election reform.", T15),
    ],
    ids=["not-engaged-in-any-capacity", "did-not-cancel", "postponed-as-adjective",
         "cancellation-before-a-comma", "months-without-talks", "sat-close-to-the-minister"],
)
def test_words_of_denial_or_distance_that_leave_the_meeting_as_it_is(rules_clf, text, label):
    """Wordings near the denials, cancellations and sides of rule set 2026.12.42 that deny
    nothing: a capacity, a cancellation negated or used as an adjective or before a comma, the
    months without talks before a meeting, a seat close to a minister in the room."""
    v = rules_clf.classify(text)
    assert v.label == label, v.explanation


def test_a_security_council_secretary_is_an_official(rules_clf):
    """The secretary of a state's security council holds office (guideline rule 11): meeting a
    civil-society roundtable, the meeting is Track 1.5."""
    v = rules_clf.classify(
        "Kazakhstan's Security Council Secretary received on Tuesday journalists and NGO leaders "
        "from Kazakhstan and Kyrgyzstan taking part in a roundtable on water in Astana."
    )
    assert v.label == T15, v.explanation
    assert "security council secretary" in _section(v.explanation, "officials"), v.explanation


def test_a_denied_rumour_inside_a_report_of_talks_keeps_the_talks(rules_clf):
    """The same words in a report of talks that did take place are outweighed by the occasion."""
    v = rules_clf.classify(TALKS_WITH_A_DENIAL)
    assert v.label == T1, v.explanation
    assert "deputy foreign ministers" in _section(v.explanation, "officials"), v.explanation


@pytest.mark.parametrize(
    ("text", "role", "quoted"),
    [
        ("Its 30 'ministers' were secondary-school students.", "ministers", True),
        ("The chair of the \u201csenior Arctic officials\u201d group was seventeen.", "officials", True),
        # A possessive, not a closing quotation mark.
        ("She read 'The Senator's Diary' to the class.", "senator", False),
        # A quotation longer than a title: someone's words, which may name a real official.
        ('She said: "Tomorrow we will meet the minister" and left.', "minister", False),
        ("The ministers met in Oslo.", "ministers", False),
    ],
    ids=["single-quotes", "curly-quotes-over-three-words", "possessive", "quotation", "no-quotes"],
)
def test_a_title_in_quotation_marks_is_told_from_a_possessive_and_a_quotation(text, role, quoted):
    from diplotrack.matching import tokenize
    from diplotrack.scope import Match, in_scare_quotes

    tokens = tokenize(text)
    i = tokens.lowers.index(role)
    assert in_scare_quotes(Match(i, i + 1, (), frozenset()), text, tokens, 2) is quoted


@pytest.mark.parametrize(
    ("text", "role", "status"),
    [
        # One sense per text, but news style tells the club's "president" from "the President"
        # by the capital alone ...
        ("The chamber's president, Ms Amina Yusuf, led a delegation of twenty business leaders "
         "to State House, where the President received them for talks on export rules.",
         "President", "counted"),
        # ... a mention read as the office itself is the holder "the President" refers to next ...
        ("The association's president opened the exchange in Nagpur. The President of India had "
         "invited the visitors; on Friday the President received the delegation.",
         "President", "counted"),
        # ... and a time of day is no person to take up again.
        ("The talks began at 10 am and ended at 1 pm. The PM then received the visiting "
         "business delegation from Japan.", "PM", "counted"),
        # "Title Name, retired Xs and Ys" is a list, not an apposition.
        ("The dialogue brought together Deputy Minister Ana Lopes, retired diplomats and "
         "academics from both countries.", "Deputy Minister", "counted"),
        # A closing bracket before a title closes its owner's acronym.
        ("The Confederation of Indian Industry (CII) president met business leaders from Japan "
         "in Delhi on Monday.", "president", "ambiguous"),
        # Quotation marks that do not pair, or a quoted clause, are no title in quotes.
        ("\u201cThe foreign ministers\u2019 meeting was useful,\u201d she said after the "
         "dialogue with scholars.", "foreign ministers", "counted"),
        ('He told reporters he would "meet the President" next week with a group of business '
         "leaders.", "President", "counted"),
    ],
    ids=["capital-tells-the-president", "office-named-last", "pm-after-a-clock-time",
         "retired-list-after-a-name", "acronym-owner-in-brackets", "unpaired-marks",
         "quoted-clause"],
)
def test_what_a_title_refers_to_is_read_from_its_own_mention(rules_clf, text, role, status):
    verdict = rules_clf.classify(text)
    found = [e for e in verdict.evidence if e.kind == "participant" and e.text == role]
    assert found, verdict.explanation
    assert found[-1].status == status, verdict.explanation


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The Senate on Thursday confirmed the nomination of the new ambassador to Japan by 68 "
         "votes to 29. The nominee, a former governor, told senators at her hearing last month "
         "that she would prioritise the alliance and trade. She is expected to present her "
         "credentials in Tokyo in the spring.", "on Thursday"),
        ("The government said on Monday it would open a consulate in Erbil next year. The "
         "foreign minister called the decision a sign of growing trade, and officials said "
         "about 4,000 citizens live in the region. The consulate will also issue visas for "
         "business travellers.", "on Monday"),
    ],
    ids=["a-vote", "an-announcement"],
)
def test_a_date_on_which_no_meeting_happens_places_none_in_time(rules_clf, text, date):
    """A day that dates a vote or an announcement is no time of a meeting (guideline, what
    counts as an engagement): the text abstains and the date is quoted as not counted."""
    v = rules_clf.classify(text)
    assert v.label == "none", v.explanation
    [found] = [e for e in v.evidence if e.text == date]
    assert (found.kind, found.status) == ("date", "unplaced"), found
    assert f'a date on which no meeting is said to happen, not counted "{date}"' in v.explanation


@pytest.mark.parametrize(
    ("text", "date", "track"),
    [
        # A dateline: the report below it says what happened.
        ("Colombo, 4 March 2019. Economists from India, Pakistan and Bangladesh met at a "
         "university guest house to compare notes on regional trade barriers; no government "
         "official took part.", "4 March", T2),
        # The date in the sentence that says what happened.
        ("The foreign ministers of Armenia and Azerbaijan held talks in Geneva on Tuesday on "
         "the text of a peace treaty.", "on Tuesday", T1),
    ],
    ids=["dateline", "same-sentence"],
)
def test_a_date_over_or_beside_a_meeting_places_it_in_time(rules_clf, text, date, track):
    v = rules_clf.classify(text)
    assert v.label == track, v.explanation
    [found] = [e for e in v.evidence if e.text == date]
    assert (found.kind, found.status) == ("event", "counted"), found
    assert re.search(f'a specific occasion [^;]*"{date}"', v.explanation), v.explanation


def test_sign_as_a_noun_is_no_formal_business(rules_clf):
    """'A sign of' is a word for evidence, not the act of signing."""
    noun = rules_clf.classify("The minister called the talks in Riga a sign of growing trust.")
    verb = rules_clf.classify("The ministers will sign the accord in Riga on Friday.")
    assert 'formal business "sign"' not in noun.explanation, noun.explanation
    assert not [e for e in noun.evidence if e.text == "sign" and e.kind == "formal"], noun.explanation
    assert [e for e in verb.evidence if e.text == "sign" and e.kind == "formal"], verb.explanation


@pytest.mark.parametrize(
    ("text", "signs"),
    [
        ("WASHINGTON - The summit between the two presidents planned for Helsinki next month has "
         "been called off, the White House said on Friday, after the Kremlin rejected the proposed "
         "agenda. Officials on both sides said no new date had been discussed.",
         {"called off", "no new date"}),
        ("Foreign ministers' retreat cancelled. The annual retreat of ASEAN foreign ministers, due "
         "to open in Vientiane on 3 July, was cancelled after flooding closed the airport, the host "
         "ministry said. It will not take place this year; member states were told to expect "
         "proposals for a new date in the autumn.", {"will not take place", "new date"}),
    ],
    ids=["summit-called-off", "retreat-cancelled"],
)
def test_a_meeting_reported_only_to_be_called_off_abstains(rules_clf, text, signs):
    """An announced meeting that will not happen describes no engagement (guideline, what
    counts as an engagement): the rules abstain and quote what says so."""
    v = rules_clf.classify(text)
    assert v.label == "none", v.explanation
    assert signs <= set(_section(v.explanation, "else")), v.explanation


@pytest.mark.parametrize(
    ("text", "called"),
    [
        ("HANOI, 4 March - Australia's foreign minister has cancelled her planned visit to Vietnam "
         "next week because of a snap election at home, her office said on Tuesday. The trip would "
         "have included talks on maritime security and the signing of a scholarship agreement.",
         "cancelled her planned visit"),
        ("Botswana-Namibia summit put off\nGABORONE - The summit of the presidents of Botswana and "
         "Namibia, which was due to open in Kasane on Friday, has been postponed, the presidency "
         "said. The two leaders had been expected to sign a water-sharing accord.", "has been postponed"),
        ("KINGSTON - The Prime Minister has called off his state visit to Ghana, scheduled for the "
         "end of the month, officials who spoke on condition of anonymity said on Sunday. The visit "
         "would have been the first by a Jamaican head of government in a decade.",
         "called off his state visit"),
        ("Talks between Serbian and Kosovar negotiators scheduled for Monday in Brussels were called "
         "off at the last minute, an EU spokesperson said on Sunday. The round was to have dealt with "
         "energy and missing persons.", "were called off"),
    ],
    ids=["cancelled-planned-visit", "heading-and-relative-clause", "called-off-state-visit", "passive"],
)
def test_a_text_that_opens_by_calling_its_meeting_off_abstains(rules_clf, text, called):
    """Rule set 2026.12.45: when the first sentence names a meeting only to call it off, the
    text reports a meeting that will not happen (guideline, what counts as an engagement): the
    dates and occasions after it ('The trip would have included talks') are the called-off
    meeting's. The rules abstain and quote the call-off."""
    v = rules_clf.classify(text)
    assert v.label == "none", v.explanation
    assert "only as denied, refused or called off" in v.explanation, v.explanation
    assert any(e.kind == "denied_meeting" and called in e.text for e in v.evidence), v.evidence


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("A day after the Indonesian foreign minister cancelled her visit to Canberra, Australia's "
         "foreign minister telephoned her to discuss fishing rights, and the two agreed to meet in "
         "Bali next month.", T1),
        ("ROME - Italy's foreign minister called off his trip to Tunis on Tuesday after a storm "
         "closed the airport. Instead, he spoke by telephone with his Tunisian counterpart for half "
         "an hour about migration.", T1),
        ("A seminar of Indian and Pakistani historians planned for Lahore was called off and moved "
         "to Kathmandu, where it took place over two days in March.", T2),
        ("The joint workshop of Armenian and Turkish archivists, which was called off in 2020, was "
         "held this month in Tbilisi with twenty historians from both countries.", T2),
        ("At the meeting of the two defence ministers in Hanoi on Tuesday the vote on the patrol "
         "plan was postponed until June.", T1),
        ("Brazil rejected calls for the summit to be postponed, and the presidents of Brazil and "
         "Argentina met in Foz do Iguacu on Friday.", T1),
    ],
    ids=["in-a-clause-of-time", "instead", "moved-and-held", "called-off-in-a-clause-about-it",
         "another-subject", "to-be-postponed"],
)
def test_a_call_off_that_is_not_the_texts_news_keeps_the_engagement(rules_clf, text, label):
    """The call-offs rule set 2026.12.45 does not read as the text's news: one in a clause of
    time, one followed by a meeting held instead or elsewhere, one told in a clause about a
    meeting that was held, another thing postponed at a meeting, a postponement only asked for."""
    v = rules_clf.classify(text)
    assert v.label == label, v.explanation


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("MEXICO CITY - The president accused the Peruvian government of repression at his morning "
         "news conference on Monday; Lima said on Tuesday it was withdrawing its ambassador from "
         "Mexico.", "withdrawing its ambassador"),
        ("QUITO, 5 April - Ecuador's government on Tuesday expelled the ambassador of a neighbouring "
         "state over remarks in a leaked cable, and recalled its own envoy for consultations, the "
         "foreign minister said at a news conference.", "expelled the ambassador"),
        ("ROME - Italy on Thursday severed diplomatic relations with the military government and "
         "withdrew its ambassador, the foreign minister told parliament. Italian companies were told "
         "to suspend new investments.", "withdrew its ambassador"),
        ("BRUSSELS - The EU on Monday adopted a new round of sanctions against officials of the "
         "army, the Council said.", "sanctions against officials"),
    ],
    ids=["ambassador-withdrawn", "ambassador-expelled", "relations-severed", "sanctions-on-officials"],
)
def test_one_sides_act_on_envoys_abstains(rules_clf, text, quoted):
    """Rule set 2026.12.47: envoys expelled, recalled or withdrawn and officials put under
    sanctions are acted upon, not people at a meeting; a news conference is no forum, and a
    round of sanctions no round of talks. With no meeting named and no official left in
    the room, the text reports one state's act: the rules abstain (guideline, what counts as an
    engagement) and quote the envoys as not taking part."""
    v = rules_clf.classify(text)
    assert v.label == "none", v.explanation
    assert any(quoted in q for q in _section(v.explanation, "not taking part")), v.explanation


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Two days after Lithuania expelled two Belarusian diplomats, the foreign ministers of "
         "Lithuania and Poland met in Warsaw on Monday to coordinate their response.", T1),
        ("WARSAW - The Russian charge d'affaires was called to the foreign ministry on Friday, where "
         "the deputy foreign minister handed him a note of protest over the drone that crashed near "
         "Lublin.", T1),
        ("The agreement on the joint border commission was signed at the Prime Minister's Office in "
         "Vientiane on 12 May by the deputy foreign ministers of Laos and Cambodia. Trade across the "
         "border rose by 12 per cent last year, customs data show.", T1),
        ("Since Canada closed its embassy in Tehran, a few scholars and two retired ambassadors of "
         "both countries have met each spring at a Swiss university; in 2015 a serving Canadian "
         "official took part without a mandate.", T15),
        ("After their talks in Lima on Tuesday the foreign ministers of Peru and Chile gave a joint "
         "press conference on the border crossings.", T1),
    ],
    ids=["meeting-after-an-expulsion", "protest-note", "signed-at", "after-an-embassy-closed",
         "joint-press-conference"],
)
def test_an_engagement_told_beside_one_sides_act_keeps_its_track(rules_clf, text, label):
    """The signs of one side's act (rule set 2026.12.47) leave a meeting the text reports alone:
    a meeting after an expulsion, a protest note handed over, an agreement signed at a place, a
    dialogue held since an embassy closed, a press conference after talks."""
    v = rules_clf.classify(text)
    assert v.label == label, v.explanation


def test_a_meeting_verb_whose_object_is_nobody_is_denied(rules_clf):
    """'Met nobody' denies the meeting as 'did not meet' does; 'met no one but the president'
    does not (rule set 2026.12.47, context lists meeting_object_*)."""
    v = rules_clf.classify("The foreign minister met nobody during her two days in Oslo, her office said on Friday.")
    assert v.label == "none", v.explanation
    assert any(e.kind == "denied_meeting" and e.text == "met nobody" for e in v.evidence), v.evidence
    v = rules_clf.classify("During the visit the foreign minister met no one but the president, on Friday in the palace.")
    assert v.label == T1, v.explanation
    v = rules_clf.classify("The two envoys met with nobody in Geneva on Monday, their offices said.")
    assert v.label == "none", v.explanation


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("The summer camp in Maine brings together teenagers from Israel and Palestine who would "
         "otherwise meet no one across the divide.", T2),
        ("The ceasefire negotiations between the government and the rebels in Doha met nobody's "
         "expectations, the Qatari mediators said on Sunday.", T1),
    ],
    ids=["counterfactual", "possessive"],
)
def test_nobody_after_a_meeting_verb_that_denies_nothing(rules_clf, text, label):
    """Not a denial (rule set 2026.12.48, from a review of 2026.12.47): 'nobody' after a meeting
    verb in a counterfactual ('would otherwise meet no one') or as a possessive ('met nobody's
    expectations')."""
    v = rules_clf.classify(text)
    assert v.label == label, v.explanation
    assert not any(e.kind == "denied_meeting" for e in v.evidence), v.evidence


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("The chairman declared the ministers' meeting open in Jakarta on Monday.", T1),
        ("The foreign minister welcomed the participants at a reception on Sunday evening and opened "
         "the workshop of scholars and retired diplomats the next morning.", T15),
        ("The two foreign ministers exchanged instruments of ratification in Vienna on Monday, and the "
         "treaty will enter into force next month.", T1),
        ("The new ambassador of Ghana paid a courtesy call on the foreign minister in Abuja on "
         "Thursday.", T1),
    ],
    ids=["declared-open", "reception-then-opened", "instruments-exchanged", "courtesy-call"],
)
def test_a_meeting_told_in_the_words_of_one_sides_act_keeps_its_track(rules_clf, text, label):
    """A review of rule set 2026.12.47 found these read as one side's act; 2026.12.48 keeps
    them engagements: 'declared the' no longer marks people acted upon, a welcome at a reception
    no longer makes an official who then opens the workshop a bystander, instruments exchanged
    name a meeting, and a courtesy call shows two parties dealing with each other."""
    v = rules_clf.classify(text)
    assert v.label == label, v.explanation


@pytest.mark.parametrize(
    "text",
    [
        "The president held a press conference on Monday to announce that the country had severed "
        "diplomatic relations with its neighbour and closed its embassy there.",
        "The foreign ministry on Thursday announced the latest round of sanctions: an asset freeze on "
        "four banks and an entry ban on two deputy ministers, who were barred from entering the country.",
    ],
    ids=["press-conference-held", "latest-round-of-sanctions"],
)
def test_a_press_conference_or_a_round_of_sanctions_names_no_meeting(rules_clf, text):
    """'Held a press conference' and 'the latest round of sanctions' name no meeting (rule set
    2026.12.48): with nothing else naming one, the text's dates place one side's act, whose signs
    outweigh them, and the rules abstain."""
    v = rules_clf.classify(text)
    assert v.label == "none", v.explanation


@pytest.mark.parametrize(
    ("text", "label", "kept_out"),
    [
        ("It was a meeting no one expected: the two foreign ministers met in Oslo on Friday.", T1, None),
        ("Historians from Armenia and Turkey met in Tbilisi for three days in June to compare the "
         "archives of 1915. The sessions were closed to officials at the historians' request.", T2,
         "closed to officials"),
        ("Retired generals from India and China met in Kathmandu for two days in March to discuss "
         "border incidents. Serving diplomats in both capitals saw it as a useful exercise.", T2,
         "saw it as"),
    ],
    ids=["negation-ends-at-a-colon", "closed-to-officials", "commentators"],
)
def test_officials_outside_the_meeting_are_not_counted(rules_clf, text, label, kept_out):
    """Rule set 2026.12.47: a negation ends at a colon ('a meeting no one expected: the two
    foreign ministers met'); officials a meeting is closed to, or who comment on it from their
    capitals, are not at the table (guideline rules 3 and 10)."""
    v = rules_clf.classify(text)
    assert v.label == label, v.explanation
    if kept_out is not None:
        outside = _section(v.explanation, "not taking part") + _section(v.explanation, "negated")
        assert any(kept_out in q for q in outside), v.explanation


def test_talks_held_after_being_called_off_keep_their_track(rules_clf):
    """Talks called off once and held later are an engagement: the occasion outweighs the
    earlier cancellation."""
    v = rules_clf.classify(
        "DOHA - The talks, called off twice since March, finally opened in Doha on Monday, with "
        "the foreign ministers of Sudan and South Sudan leading their delegations. On Wednesday "
        "the two ministers signed a protocol on oil transit fees."
    )
    assert v.label == T1, v.explanation
    assert "foreign ministers" in _section(v.explanation, "officials"), v.explanation


@pytest.mark.parametrize(
    ("text", "signs"),
    [
        ("TOKYO - Japan on Wednesday declared a Chinese consul in Osaka persona non grata and gave "
         "him a week to leave, in retaliation for remarks on Taiwan that the foreign ministry called "
         "unacceptable. Beijing said it would respond in kind. The chief cabinet secretary told "
         "reporters that ties between the two countries remained important.",
         {"persona non grata", "in retaliation", "unacceptable"}),
        ("OTTAWA - Canada imposed sanctions on nine Myanmar military officers on Monday and "
         "recalled its ambassador for consultations, two days after the junta extended the state of "
         "emergency for another six months. The foreign minister said in a statement that further "
         "measures were under review.",
         {"imposed sanctions", "recalled its ambassador", "state of emergency"}),
    ],
    ids=["expulsion", "sanctions-and-recall"],
)
def test_one_sides_act_reported_as_news_abstains(rules_clf, text, signs):
    """A government expelling a diplomat, imposing sanctions or recalling its envoy acts on
    its own and meets nobody (guideline, what counts as an engagement): the rules abstain and
    quote the act, though the dateline gives a day and ministers are named."""
    v = rules_clf.classify(text)
    assert v.label == "none", v.explanation
    assert len(signs & set(_section(v.explanation, "else"))) >= 2, v.explanation


def test_talks_after_one_sides_act_keep_their_track(rules_clf):
    """Talks held in answer to sanctions are an engagement: the occasion outweighs the act."""
    v = rules_clf.classify(
        "BRUSSELS - A week after the EU imposed sanctions on the rebels' leaders, the foreign "
        "ministers of Rwanda and the Democratic Republic of Congo met in Brussels on Tuesday with "
        "the EU's envoy for the Great Lakes and agreed a timetable for the withdrawal of troops."
    )
    assert v.label == T1, v.explanation
    assert "foreign ministers" in _section(v.explanation, "officials"), v.explanation


@pytest.mark.parametrize(
    ("text", "date", "status"),
    [
        # "United" in a name says nothing of a meeting, so the day of the announcement is not
        # the time of one.
        ("WASHINGTON - The United States on Thursday ordered 20 diplomats to leave within 72 hours "
         "and closed a consulate in Houston, saying it had been a hub of espionage.",
         "on Thursday", "unplaced"),
        ("GENEVA - The United Nations on Friday published its report on detention conditions, "
         "with figures from eleven prisons.", "on Friday", "unplaced"),
        # "United" that brings people together is still a sign of the engagement.
        ("The festival united young musicians from Israel, Palestine and Jordan in Seville in July "
         "for three weeks of rehearsals and two concerts.", "in July", "counted"),
    ],
    ids=["united-states", "united-nations", "brought-together"],
)
def test_united_in_a_name_is_no_sign_of_a_meeting(rules_clf, text, date, status):
    v = rules_clf.classify(text)
    (found,) = [e for e in v.evidence if e.text == date]
    assert found.status == status, v.explanation
    occasions = v.explanation.partition("a specific occasion")[2].split(";")[0]
    assert (f'"{date}"' in occasions) == (status == "counted"), v.explanation


@pytest.mark.parametrize(
    "text",
    [
        "The Ministry of Foreign Affairs of Chile expresses its deep concern over the violence in "
        "the border region and urges all political actors to resolve their differences through "
        "dialogue and within the constitution. Santiago, 2 February 2025.",
        "ADDIS ABABA - The African Union Commission chairperson on Sunday strongly condemned the "
        "attack on a camp for displaced people in Darfur and called on both sides to return to the "
        "negotiating table in Jeddah. The commission said it stood ready to help.",
    ],
    ids=["expresses-concern", "condemns-and-calls-for-talks"],
)
def test_a_statement_that_calls_for_talks_abstains(rules_clf, text):
    """A government's or an organisation's statement that calls on others to talk names talks
    that are wished for, not held: no engagement, and the explanation quotes the call."""
    v = rules_clf.classify(text)
    assert v.label == "none", v.explanation
    calls = {"through dialogue", "expresses its deep concern", "strongly condemned",
             "called on both sides", "return to the negotiating table"}
    assert len(calls & set(_section(v.explanation, "else"))) >= 2, v.explanation


@pytest.mark.parametrize(
    ("text", "role", "status", "track"),
    [
        ("Twelve Iranian and American wrestlers trained together in Tehran last week. The visit "
         "followed President Khatami's television interview calling for exchanges between the "
         "two peoples.", "President Khatami's television interview", "bystander", T2),
        ("Farmers from both sides of the border gathered in Kasese for a week of seed exchanges; "
         "over lunch the talk was mostly of the agriculture minister's announcement on maize "
         "prices.", "minister's announcement", "bystander", T2),
        # What an official owns that is a meeting or people keeps the official in the room.
        ("The foreign minister's visit to Hanoi ended with a signed agreement on fishing rights "
         "between the two governments.", "foreign minister", "counted", T1),
        ("President Ruto's delegation held talks with Ethiopian ministers in Addis Ababa on "
         "Thursday on the border.", "President", "counted", T1),
    ],
    ids=["interview", "announcement", "visit", "delegation"],
)
def test_an_officials_own_statement_is_not_the_official_in_the_room(rules_clf, text, role, status, track):
    """'The minister's announcement', 'the president's interview': a thing the official did
    elsewhere, not a participant (guideline rule 10)."""
    v = rules_clf.classify(text)
    assert v.label == track, v.explanation
    found = [e for e in v.evidence if e.kind == "participant" and role in e.text]
    assert found and found[0].status == status, v.explanation


def test_a_legislatures_vote_on_a_treaty_abstains(rules_clf):
    """A parliament's vote on a treaty is a procedure at home, not an engagement between
    parties, however many ministries and treaties it names."""
    v = rules_clf.classify(
        "Parliament approves fisheries treaty. The National Assembly voted 211 to 64 in favour of "
        "the fisheries access treaty with Senegal, which passed its third reading without "
        "amendment. Members of the opposition voted against, saying the quotas sold the country's "
        "fish too cheaply; the minister of fisheries told the house that the treaty would bring "
        "in 15 million euros a year."
    )
    assert v.label == "none", v.explanation
    assert {"voted 211 to", "third reading", "voted against"} <= set(_section(v.explanation, "else")), v.explanation


@pytest.mark.parametrize(
    ("text", "addressee"),
    [
        ("Fishermen's associations from Kenya and Uganda met on Migingo island last week and "
         "signed a joint letter to the fisheries ministers of both countries asking for a hotline "
         "between their patrol boats.", "letter to the fisheries ministers"),
        ("Youth activists from Armenia and Azerbaijan met in Tbilisi for a week of workshops and "
         "closed the camp by urging the foreign ministries to reopen the border crossing at "
         "Ijevan.", "urging the foreign ministries"),
    ],
    ids=["letter-to-ministers", "urging-ministries"],
)
def test_officials_addressed_by_an_appeal_are_not_in_the_room(rules_clf, text, addressee):
    """Officials whom the participants write to, appeal to or urge are asked to act, not met:
    they are mentioned, not taking part, and the exchange stays non-state (guideline rule 10)."""
    v = rules_clf.classify(text)
    assert v.label == T2, v.explanation
    found = [e for e in v.evidence if e.kind == "participant" and e.text == addressee]
    assert found and found[0].status == "bystander", v.explanation
    assert "Mentioned but not taking part" in v.explanation, v.explanation


@pytest.mark.parametrize(
    ("text", "addressee"),
    [
        # An institution's own people ("members of the commission") are its staff in person;
        # an appeal or a summary addressed to them still leaves them outside the room.
        ("Journalists, river scientists and farmers' leaders from Bangladesh and India met in "
         "Siliguri on 11 January for a citizens' dialogue on the Teesta. Their summary will be "
         "sent to the members of the Joint Rivers Commission.",
         "sent to the members of the Joint Rivers Commission"),
        ("Women's groups from both sides of the line met in Nicosia last week and closed their "
         "meeting with an appeal to the staff of the UN good offices mission to include them "
         "in the next round.", "an appeal to the staff of the UN"),
        # The addressee phrases the host lexicon used to count lightly are now outside the room.
        ("Fishermen's associations from Kenya and Uganda met on Migingo island on Monday and "
         "lobbied the fisheries ministers of both countries for a hotline between their patrol "
         "boats.", "lobbied the fisheries ministers"),
    ],
    ids=["sent-to-commission-members", "appeal-to-mission-staff", "lobbied-ministers"],
)
def test_an_institutions_people_addressed_from_outside_are_not_in_the_room(rules_clf, text, addressee):
    """Officials named through their institution ("members of the commission", "the staff of
    the mission") whom the participants write to, appeal to or lobby are mentioned, not
    taking part, like any other official so addressed (guideline rule 10)."""
    v = rules_clf.classify(text)
    assert v.label == T2, v.explanation
    found = [e for e in v.evidence if e.kind == "participant" and e.text == addressee]
    assert found and found[0].status == "bystander", v.explanation


@pytest.mark.parametrize(
    ("text", "track", "role"),
    [
        # "week, after" is no "weeks after": the governor of this meeting stays in the room.
        ("Convoys should reach the district by the end of the week, after the head of the UN "
         "humanitarian office in the province and the provincial governor agreed on Tuesday on "
         "an escort schedule at a meeting in Pemba.", T1, "provincial governor"),
        # "signed, the Government" is no "signed the" phrase either (the label is not the
        # point here: only that the two clauses are not read as one phrase).
        ("Since the Final Act was signed, the Government have been considering how the number of "
         "scholarships for students from Eastern Europe might be increased; spending on such "
         "exchanges was 1.9 million pounds last year.", None, None),
    ],
    ids=["week-comma-after", "signed-comma-the"],
)
def test_a_phrase_does_not_run_across_a_comma(rules_clf, text, track, role):
    """A lexicon phrase is read within a clause: words on either side of a comma or a colon
    are not one phrase, as words on either side of a full stop are not."""
    v = rules_clf.classify(text)
    if track is not None:
        assert v.label == track, v.explanation
    if role is not None:
        found = [e for e in v.evidence if e.kind == "participant" and e.text == role]
        assert found and found[0].status == "counted", v.explanation
    assert not any(e.text.lower().startswith(("week, after", "signed, the")) for e in v.evidence), v.explanation


def test_the_president_of_a_religious_community_is_not_an_official(rules_clf):
    """Religious communities, congregations and dioceses have presidents too: the president of
    the Jewish community is a community leader, not a head of state (guideline rule 11)."""
    v = rules_clf.classify(
        "The Inter-Religious Council of Mostar meets every month in the old town. Its members are "
        "the mufti of Mostar, a delegate of the Catholic bishop, the Orthodox parish priest and "
        "the president of the Jewish community, who together issue joint statements after "
        "incidents between the city's communities."
    )
    assert v.label == T2, v.explanation
    assert any(e.text == "president" and e.status == "ambiguous" for e in v.evidence) or (
        "read with 'community'" in v.explanation
    ), v.explanation
    assert "Officials:" not in v.explanation, v.explanation


def _quoted_under(explanation: str, heading: str) -> list[str]:
    """The quotes an explanation lists under one heading ("Non-state participants: ...")."""
    m = re.search(re.escape(heading) + r': (.*?)\.(?= [A-Z][^"]*?:| Definition|$)', explanation)
    return re.findall(r'"([^"]*)"', m.group(1)) if m else []


@pytest.mark.parametrize(
    ("text", "track", "topics", "people"),
    [
        # What the talks give people who are not at the table.
        ("TASHKENT - The Czech ambassador, Pavel Novotny, called on the Minister of Higher "
         "Education on Tuesday. They discussed scholarships for Uzbek students at Czech technical "
         "universities and places for young agronomists on summer courses in Brno.",
         T1, ("students", "agronomists"), ()),
        # What the talks do for people who are not at the table.
        ("The interior ministers of Burundi and Tanzania met in Kigoma on Friday with their "
         "delegations to discuss the voluntary return of Burundian refugees from the Nduta camp "
         "and the safety of traders on the lake.",
         T1, ("refugees", "traders"), ()),
        ("The defence ministers of Chad and Niger met in N'Djamena on Wednesday to discuss the "
         "clashes between herders and farmers near the border, and agreed on the protection of "
         "herders along the transhumance routes by joint patrols.",
         T1, ("herders", "farmers"), ()),
        # The people at the table still count; only the people the talks are about do not.
        ("Representatives of refugee associations and two academics from Makerere University met "
         "the deputy minister of local government in Kampala on Thursday to discuss the return of "
         "refugees to South Sudan.",
         T15, ("refugees",), ("associations", "academics")),
    ],
    ids=["scholarships-and-places-for", "return-and-safety-of", "clashes-between", "participants-stay"],
)
def test_the_people_the_talks_are_about_are_not_participants(rules_clf, text, track, topics, people):
    """Non-state people named as the topic or the beneficiaries of the talks ('the return of
    refugees', 'scholarships for students', 'the safety of traders') are mentioned, not taking
    part (guideline rule 1: who took part decides): they are quoted under 'Mentioned but not
    taking part' with the words that say so, and not listed as non-state participants."""
    v = rules_clf.classify(text)
    assert v.label == track, v.explanation
    listed = _quoted_under(v.explanation, "Non-state participants")
    mentioned = _quoted_under(v.explanation, "Mentioned but not taking part")
    for word in topics:
        assert not any(word in q for q in listed), v.explanation
        assert any(q.endswith(word) and " " in q for q in mentioned), v.explanation
    for word in people:
        assert word in listed, v.explanation


def test_non_state_people_outside_the_meeting_are_mentioned_not_hosts(rules_clf):
    """People a mark before them puts outside the meeting (the addressees of an appeal) are
    mentioned, not taking part, whether officials or not: a non-state group so marked is no
    host or funder."""
    v = rules_clf.classify(
        "The foreign ministers of Norway and Iceland held talks in Tromsø on fisheries quotas, in "
        "a letter urging local fishermen to respect the closed season, and signed a memorandum on "
        "search and rescue."
    )
    assert v.label == T1, v.explanation
    assert _quoted_under(v.explanation, "Mentioned but not taking part") == ["urging local fishermen"], v.explanation
    assert "Hosts or funders" not in v.explanation, v.explanation


@pytest.mark.parametrize(
    ("text", "officials", "negated"),
    [
        ("Two vice-ministers of trade took part in the economists' round table in Almaty, "
         "though no cabinet ministers attended.",
         ["vice-ministers"], ["no cabinet ministers"]),
        ("Senior diplomats from both capitals attended the workshop of historians in Tallinn, "
         "but none of the ambassadors came.",
         ["diplomats"], ["none of the ambassadors"]),
        ("Deputy interior ministers joined the researchers' seminar in Accra, although no "
         "ministers attended.",
         ["ministers"], ["no ministers"]),
    ],
    ids=["took-part-no-cabinet", "attended-none-of-the-ambassadors", "joined-no-ministers"],
)
def test_officials_said_to_attend_are_not_cancelled_by_another_group_absent(rules_clf, text, officials, negated):
    """Officials said to take part by a verb of their own ('joined', 'attended', 'took part')
    are participants whatever another group is said to have done: a denial of the ministers
    is not a denial of the deputy ministers who came (guideline rule 3), so serving officials
    with scholars make Track 1.5, not 'the officials stayed away'."""
    v = rules_clf.classify(text)
    assert v.label == T15, v.explanation
    assert "stayed away" not in v.explanation, v.explanation
    for quote in officials:
        assert quote in _quoted_under(v.explanation, "Officials"), v.explanation
    assert _quoted_under(v.explanation, "Negated, not counted") == negated, v.explanation


def test_a_denial_of_the_officials_as_a_class_outweighs_one_said_to_attend(rules_clf):
    """'No officials took part in the sessions' denies the officials as a class: an ambassador
    who attended the closing dinner does not make the scholars' dialogue Track 1.5."""
    v = rules_clf.classify(
        "Researchers from the two institutes met in Riga for two days. No officials took part in "
        "the sessions; the Latvian ambassador attended the dinner at the close."
    )
    assert v.label == T2, v.explanation
    assert "No officials" in _quoted_under(v.explanation, "Negated, not counted"), v.explanation


def test_quick_start_kelman_example_says_nobody_held_office_without_negating_participants(rules_clf):
    """The bundled quick-start row on Kelman's workshops: 'scholars, journalists and activists
    ... but none holding government office' says the participants hold no office. The
    journalists and activists took part; the office is what is denied, so the explanation
    says no serving official took part rather than that officials stayed away."""
    from pathlib import Path

    import pandas as pd

    rows = pd.read_csv(Path(__file__).resolve().parents[1] / "datasets" / "examples.csv")
    row = rows[rows.case_id == "t2-kelman-workshops"].iloc[0]
    v = rules_clf.classify(row.description)
    assert v.label == T2, v.explanation
    assert "hold no government office: no serving official took part" in v.explanation, v.explanation
    assert "stayed away" not in v.explanation, v.explanation
    participants = _quoted_under(v.explanation, "Non-state participants")
    assert {"scholars", "journalists", "activists"} <= set(participants), v.explanation
    assert _quoted_under(v.explanation, "Negated, not counted") == ["none holding government office"], v.explanation
    assert "academic facilitators" in v.explanation, v.explanation


@pytest.mark.parametrize(
    ("text", "people", "negated"),
    [
        ("Teachers, editors and trade unionists from both sides met in Nicosia for two days, but "
         "none holding public office.", ["Teachers", "editors", "trade unionists"], ["none holding public office"]),
        ("Clergy and students from the two cities held a dialogue in Derry, none with a government post.",
         ["Clergy", "students"], ["none with a government post"]),
    ],
    ids=["none-holding-public-office", "none-with-a-government-post"],
)
def test_none_holding_office_denies_the_office_not_the_people(rules_clf, text, people, negated):
    """'..., but none holding public office' describes the people before it: they are counted
    as non-state participants, and only the office is listed as negated."""
    v = rules_clf.classify(text)
    assert v.label == T2, v.explanation
    assert "no serving official took part" in v.explanation, v.explanation
    for p in people:
        assert p in _quoted_under(v.explanation, "Non-state participants"), v.explanation
    assert _quoted_under(v.explanation, "Negated, not counted") == negated, v.explanation


def test_none_with_a_seat_at_the_meeting_is_still_an_absence(rules_clf):
    """'but none had a seat in the sessions' is an absence from the meeting, not an office."""
    v = rules_clf.classify(
        "Chambers of commerce were consulted by the two governments before the round in Lima, but "
        "none had a seat in the sessions; the trade ministers signed the protocol."
    )
    assert v.label == T1, v.explanation
    assert any("none" in q for q in _quoted_under(v.explanation, "Negated, not counted")), v.explanation


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("The prime ministers of Greece and North Macedonia did not meet in Skopje as announced.", "not meet"),
        ("The Georgian foreign minister refused to meet the Russian envoy in Geneva.", "refused to meet"),
        ("The Peruvian president declined an invitation to meet his Chilean counterpart in Lima.",
         "declined an invitation to meet"),
        ("Talks between the two ministries broke down before they opened; no meeting took place.", "no meeting"),
    ],
    ids=["did-not-meet", "refused-to-meet", "declined-an-invitation-to-meet", "no-meeting-took-place"],
)
def test_a_meeting_reported_only_as_denied_is_no_engagement(rules_clf, text, denied):
    """A meeting verb or noun that is denied or refused ('did not meet', 'no meeting took
    place', 'declined to meet') is no engagement cue; with nothing else placing a meeting the
    rules abstain and say the meeting is denied (guideline, 'What counts as an engagement')."""
    v = rules_clf.classify(text)
    assert v.label == "none", v.explanation
    assert "only as denied, refused or called off" in v.explanation, v.explanation
    assert denied in _quoted_under(v.explanation, "Denied meeting, not counted"), v.explanation


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("The rebel commander rejected the government's latest offer of talks, saying he would not "
         "negotiate while the army kept up its offensive.", "rejected the government's latest offer of talks"),
        ("Myanmar's junta declined an invitation for its leader to attend the ASEAN summit in Jakarta, "
         "the bloc's chair said.", "declined an invitation for its leader to attend the ASEAN summit"),
        ("Fiji's interim prime minister has turned down an invitation from his New Zealand counterpart "
         "to meet in Auckland later this month.",
         "turned down an invitation from his New Zealand counterpart to meet"),
    ],
    ids=["rejected-an-offer-of-talks", "declined-an-invitation-for-its-leader", "turned-down-an-invitation"],
)
def test_a_meeting_asked_for_and_refused_is_no_engagement(rules_clf, text, denied):
    """A meeting that is the content of an invitation, offer or request that was refused
    ("rejected the offer of talks", "turned down a request for a meeting") did not happen:
    it is denied, as "declined to meet" is (guideline, 'What counts as an engagement')."""
    v = rules_clf.classify(text)
    assert v.label == "none", v.explanation
    assert denied in _quoted_under(v.explanation, "Denied meeting, not counted"), v.explanation


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("Israel's prime minister turned down a request from Washington for a meeting, but met the US "
         "secretary of state in Jerusalem on Monday instead.", ["turned down a request from Washington for a meeting"]),
        ("The president rejected the proposal for a ceasefire at the talks in Geneva, where the two "
         "delegations met for a third day.", []),
        ("Ankara turned down a request for the talks to be moved to Geneva, and the two delegations "
         "met in Istanbul on Monday.", []),
    ],
    ids=["but-met-instead", "proposal-rejected-at-the-talks", "a-change-to-the-talks-refused"],
)
def test_a_refused_request_does_not_deny_the_meeting_held(rules_clf, text, denied):
    """Only the meeting asked for is refused: one in another clause ("but met the secretary of
    state"), where the request was made ("rejected the proposal at the talks") or one a refused
    request would only have changed ("the talks to be moved") took place."""
    v = rules_clf.classify(text)
    assert v.label == T1, v.explanation
    assert _quoted_under(v.explanation, "Denied meeting, not counted") == denied, v.explanation


def test_a_summons_passive_stays_in_its_sentence(rules_clf):
    """The summons rule's passive ('the French ambassador, X, was summoned') reads the envoy in
    the same sentence only: a diplomat who spoke in one sentence is not the clerk called to the
    ministry in the next."""
    text = (
        "Officials at the Ukrainian embassy declined to comment, a Ukrainian diplomat said. The "
        "accountant was called to the foreign ministry on Monday over unpaid taxes."
    )
    assert not [e for e in rules_clf.classify(text).evidence if e.source == "summons"]
    v = rules_clf.classify("The U.S. ambassador, Mr. John Smith, was summoned by the Foreign Ministry on Monday.")
    assert v.label == T1 and [e.text for e in v.evidence if e.source == "summons"] == [
        "U.S. ambassador, Mr. John Smith, was summoned"
    ], v.explanation


def test_an_earlier_non_meeting_does_not_deny_the_meeting_reported(rules_clf):
    """'the two had not met since 2019' tells the history of a meeting that did take place."""
    v = rules_clf.classify(
        "The foreign ministers of Armenia and Turkey met in Vienna on Thursday; the two had not met since 2019."
    )
    assert v.label == T1, v.explanation
    assert "Denied meeting" not in v.explanation, v.explanation


def test_a_counterfactual_non_meeting_is_no_denial():
    """'people who would otherwise never meet' says what the exchange makes possible, not that
    a meeting did not happen: the quick-start's orchestra example was thrown away for it."""
    import pandas as pd

    from diplotrack import RuleClassifier
    from diplotrack.resources import data_path

    examples = pd.read_csv(data_path("examples.csv"), dtype=str, keep_default_na=False)
    row = examples[examples["case_id"] == "t2-west-eastern-divan"].iloc[0]
    v = RuleClassifier().classify(row.to_dict())
    assert v.label == T2, v.explanation
    assert "Denied meeting" not in v.explanation, v.explanation
    v = RuleClassifier().classify(
        "Teachers from Batken and Isfara, who might never meet across the closed border, spent a "
        "week writing a shared history lesson in Osh."
    )
    assert v.label == T2 and '"Teachers"' in v.explanation, v.explanation


_REGRESSIONS = pd.read_csv(
    Path(__file__).parent / "data" / "rules_regressions.csv", dtype=str, keep_default_na=False
)


@pytest.mark.parametrize(
    ("text", "label"),
    list(zip(_REGRESSIONS["description"], _REGRESSIONS["track"])),
    ids=list(_REGRESSIONS["id"]),
)
def test_wordings_that_a_withdrawn_rule_set_misread(rules_clf, text, label):
    """Realistic news, readouts and pages on which a narrower placing of dates, call-offs,
    denied reports and summonses (rule set 2026.12.43, withdrawn; a candidate 2026.12.44, not
    released) went wrong: a date beside 'inked an agreement', 'clinched a ceasefire' or a
    'state visit' is a meeting's, a meeting held beside a denied report is still held, one's
    own envoy summoned is no meeting, a book launch or a course under a title naming talks is
    none, and so is a page of figures that names a meeting as their time (a first version of
    rule set 2026.12.44 gave those a track). Since rule set 2026.12.45 also the inputs of its
    blind review that it labels right: meetings reported only as called off, and engagements
    whose text also reports a cancellation (an earlier round postponed, a visit called off and
    a call held instead). Since rule set 2026.12.47 also those of its blind review: pages of
    one side's act (expulsions, recalls, sanctions, ratifications, speeches, home occasions)
    and engagements told beside one. The rules label them by the guideline; a future change must keep
    them so."""
    v = rules_clf.classify(text)
    assert v.label == label, v.explanation


# Rule set 2026.12.44: figures weigh against a specific occasion only where no meeting is named.


_FIGURES_NOT_COUNTED = "Figures beside a report of a meeting, not counted"


@pytest.mark.parametrize(
    ("text", "label", "figure"),
    [
        ("The official visit of Chancellor Friedrich Merz to Warsaw on 6 May, his first trip abroad "
         "after taking office, centred on border controls. Germany is Poland's largest trading partner, "
         "taking about 28 per cent of its exports, according to trade statistics, and at least 6,000 "
         "German firms operate in Poland. Bilateral trade must grow further, Polish officials said.",
         T1, "per cent"),
        ("A telephone conversation between President Tokayev and President Mirziyoyev on Tuesday covered "
         "water allocation before the irrigation season. Uzbekistan's imports from Kazakhstan grew by "
         "11 percent last year, according to customs data, and the number of joint ventures has doubled.",
         T1, "percent"),
        ("The round table of Turkish and Armenian historians and journalists in Istanbul on 24 April "
         "revisited the events of 1915. The border has been closed since 1993, and at least 70 percent "
         "of Armenians oppose reopening it without recognition, according to a recent poll.",
         T2, "percent"),
    ],
    ids=["official-visit", "telephone-conversation", "round-table"],
)
def test_figures_behind_a_reported_meeting_do_not_throw_it_away(rules_clf, text, label, figure):
    """A report of one meeting that gives the trade or the polls behind it is still a report of
    that meeting: the figures are quoted as not counted, and the track stands."""
    v = rules_clf.classify(text)
    assert v.label == label, v.explanation
    assert figure in _section(v.explanation, "figures beside"), v.explanation


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("SAO PAULO - Trade between Brazil and Argentina fell for the second year running, according to "
         "figures released on Thursday by the foreign trade secretariat. Brazilian exports to its neighbour "
         "dropped 17 per cent, while imports from Argentina edged down 4 percent.", "per cent"),
        ("BUENOS AIRES - Trade between Argentina and Brazil fell for the fourth month in a row in July, "
         "down 18 per cent from a year earlier, according to figures published on Tuesday by the "
         "statistics institute. Exports of cars and car parts were hit hardest by import licences. "
         "Industrialists have complained that the licences breach the rules of the customs union. "
         "The two presidents are expected to discuss the dispute at the bloc's summit in December.",
         "according to figures"),
    ],
    ids=["figures-release", "summit-named-further-down"],
)
def test_a_page_of_figures_still_abstains(rules_clf, text, figure):
    """A release of trade figures names no meeting in its lead (a date beside 'trade between' dates
    the figures): the figures are signs of a page about something else, and the rules abstain."""
    v = rules_clf.classify(text)
    assert v.label == "none", v.explanation
    assert figure in _section(v.explanation, "something else"), v.explanation
    assert _FIGURES_NOT_COUNTED not in v.explanation, v.explanation


@pytest.mark.parametrize(
    "text",
    [
        "Bilateral trade between Vietnam and South Korea grew by 11 per cent in the first half, customs "
        "data released on Tuesday showed. The figures came ahead of the summit between the two leaders "
        "in Hanoi on 14 July. Electronics made up almost half of the exports, and imports of machinery "
        "rose 6 per cent.",
        "Container traffic through the canal fell by 66 per cent in February, according to figures "
        "released on Tuesday. The data came a week after Egyptian and US officials held talks in Cairo "
        "on shipping security. Freight rates between Asia and northern Europe rose fourfold.",
        "Sixty-two per cent of German companies in China plan to increase investment, according to the "
        "chamber's annual survey. The results were presented at the chamber's forum in Beijing on "
        "5 October. Only 9 percent of respondents are considering leaving the market, and at least a "
        "third expect profits to fall.",
    ],
    ids=["figures-ahead-of-a-summit", "figures-a-week-after-talks", "survey-presented-at-a-forum"],
)
def test_figures_told_by_the_meeting_they_follow_still_abstain(rules_clf, text):
    """A page of figures that names a meeting as their time ('ahead of the summit', 'a week after
    talks') or as where they were presented, after the figures themselves, reports no meeting:
    the figures count, and the rules abstain."""
    v = rules_clf.classify(text)
    assert v.label == "none", v.explanation
    assert _FIGURES_NOT_COUNTED not in v.explanation, v.explanation


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # The meeting comes first, in a sentence of its own, but only as the time of the figures.
        ("Ahead of the summit of the two presidents in Astana on 9 August, the statistics office "
         "published its annual report on trade. Trade grew by 14 per cent in the first half, according "
         "to customs data, and at least 40 joint ventures opened.", "none"),
        # A body named like a meeting is no meeting.
        ("The UN Panel of Experts on Yemen published its report on Monday. Arms seizures grew by 40 per "
         "cent, according to the report, and at least 300 shipments were stopped.", "none"),
        # A time word in the sentence before does not make the meeting another's time.
        ("Fighting continued until Friday. Talks between the foreign ministers of Armenia and Azerbaijan "
         "on Saturday in Almaty covered the border. Trade fell by 40 per cent last year, according to "
         "statistics, and at least 10 crossings are closed.", T1),
        # Meeting nouns count in either number.
        ("Two telephone calls between the Kazakh and Uzbek presidents on Tuesday and Wednesday covered "
         "water allocation. Trade grew by 11 percent last year, according to customs data, and at least "
         "40 joint ventures opened.", T1),
    ],
    ids=["time-of-the-figures", "a-panel-of-experts", "time-word-in-another-sentence", "plural-calls"],
)
def test_which_meetings_set_figures_aside(rules_clf, text, label):
    """Figures are set aside only for a meeting named before them and not as their time ('ahead of
    the summit') or by a body's name ('the Panel of Experts'); a time word in another sentence
    does not count, and 'calls' is a call as 'call' is."""
    v = rules_clf.classify(text)
    assert v.label == label, v.explanation
    assert (_FIGURES_NOT_COUNTED in v.explanation) == (label != "none"), v.explanation
    if label == "none":
        assert v.evidence[-1].source in ("about-diplomacy-in-general", "no-occasion-about-something-else"), v.evidence[-1]


def test_non_state_words_too_faint_to_count_are_not_participants_beside_only_officials():
    # "only serving officials or official parties took part" next to "Non-state participants:
    # 'university'" contradicted itself in 177 explanations of the dataset and development set.
    text = "The foreign ministers of both countries met in Vienna, and a university was mentioned."
    v = diplotrack.classify(text, method="rules")
    assert v.label == T1 and "only serving officials" in v.explanation, v.explanation
    assert "Non-state participants:" not in v.explanation
    assert _section(v.explanation, "too faint to count as anyone") == ["university"], v.explanation
    # Non-state people who do count beside officials are still listed as participants.
    both = diplotrack.classify("Foreign ministers met scholars and journalists in Vienna for a dialogue.")
    assert "Non-state participants:" in both.explanation, both.explanation


def _counted(v, kind: str) -> list[str]:
    return [e.text for e in v.evidence if e.kind == kind and e.status == "counted"]


def test_a_denial_of_formality_stays_in_its_sentence_and_is_quoted_from_the_negator(rules_clf):
    # Rule set 2026.12.50: "no" three words back reached into the next sentence and the quote
    # began at the window's edge ("had no choice. Negotiations").
    v = rules_clf.classify("The two delegations had no choice. Negotiations on the treaty resumed in Geneva.")
    assert "Negotiations" in _counted(v, "formal"), v.explanation
    assert "Denied formality" not in v.explanation, v.explanation
    v = rules_clf.classify("The foreign ministers met in Vienna, but there was no communique after the talks.")
    assert [e.text for e in v.evidence if e.kind == "negated_formal"] == ["no communique"], v.explanation
    # "Resolution No. 402": a "No." before a figure is the sign for a number; without the stop
    # a "no" before a figure is still a denial.
    v = rules_clf.classify("Under Resolution No. 402 the two foreign ministers held negotiations in Geneva.")
    assert "Resolution" in _counted(v, "formal") and v.label == T1, v.explanation
    v = rules_clf.classify("There was no 2020 summit between the two presidents because of the pandemic.")
    assert v.label == "none", v.explanation


def test_denied_negotiations_are_no_parties_dealing_with_each_other(rules_clf):
    text = "There were no negotiations, only an informal dinner where scholars met officials."
    v = rules_clf.classify(text)
    assert "negotiations" not in _counted(v, "interaction"), v.explanation
    assert _counted(v, "interaction") == ["met"], v.explanation
    assert 'Denied formality, not counted: "no negotiations"' in v.explanation
    # Without anything else that shows parties dealing, the page describes no engagement.
    v = rules_clf.classify("Diplomats say there were no negotiations on the border this year.")
    assert v.label == "none", v.explanation
    # A negated cancellation denies nothing: the visit took place.
    v = rules_clf.classify("Despite the protests, the Chilean president did not postpone her state visit to Lima.")
    assert "state visit" in _counted(v, "formal") and v.label == T1, v.explanation


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("NO SERVING OFFICIALS ATTENDED; RETIRED DIPLOMATS AND SCHOLARS MET IN OSLO.", T2),
        ("CONFIDENTIAL. NO GOVERNMENT REPRESENTATIVES TOOK PART IN THE SEMINAR OF UNIVERSITY PROFESSORS "
         "AND JOURNALISTS FROM BOTH COUNTRIES IN HELSINKI.", T2),
        # Beside lower-case words a capital "NO" is still Norway's code, acronyms or not.
        ("NO and RU officials met in Oslo for talks on the fisheries quota.", T1),
        ("NO and RU officials met WWF, IUCN and SINTEF researchers in Tromso on 3 May for a workshop.", T15),
    ],
    ids=["shouted-no", "telegram", "country-code", "country-code-among-acronyms"],
)
def test_a_no_in_a_line_of_capitals_is_a_negation(rules_clf, text, label):
    v = rules_clf.classify(text)
    assert v.label == label, v.explanation
    negated = _section(v.explanation, "negated")
    assert bool(negated) == (label == T2), v.explanation


@pytest.mark.parametrize(
    ("text", "label", "former"),
    [
        ("A former ambassador, a deputy foreign minister and two scholars met in Oslo for talks.", T15,
         ["former ambassador"]),
        ("Former ambassadors, deputy foreign ministers and scholars met in Oslo for talks.", T2,
         ["Former ambassadors", "Former ambassadors, deputy foreign ministers"]),
        # After a name, ", a" opens an apposition about the same person, who is still former.
        ("Former minister Jan Olsen, a diplomat by training, met scholars in Oslo for talks.", T2,
         ["Former minister", "Former minister Jan Olsen, a diplomat"]),
    ],
    ids=["new-item-after-a-comma", "one-list", "apposition"],
)
def test_former_does_not_reach_across_a_comma_and_an_article_to_the_next_role(rules_clf, text, label, former):
    v = rules_clf.classify(text)
    assert v.label == label, v.explanation
    assert [e.text for e in v.evidence if e.status == "former"] == former, v.explanation


def test_an_intergovernmental_body_named_in_full_is_no_non_state_organisation(rules_clf):
    text = (
        "Diplomats of the Organization for Security and Co-operation in Europe met the two foreign "
        "ministers in Vienna for talks."
    )
    v = rules_clf.classify(text)
    assert v.label == T1, v.explanation
    assert "Non-state" not in v.explanation, v.explanation
    assert "organization for security and co-operation in europe" in _section(v.explanation, "officials")


@pytest.mark.parametrize(
    ("text", "label", "body"),
    [
        ("Scholars and journalists from both countries met in Oslo for an un-official workshop on the border.",
         T2, None),
        ("Scholars and market women met in Port-au-Prince for a problem-solving workshop on the gangs.", T2, None),
        ("UN-led talks between the two governments resumed in Geneva.", T1, "UN"),
        ("The AU panel met both delegations in Addis Ababa for talks.", T1, "AU"),
        ("Leaders met in Brussels for the China-EU summit and signed a joint statement.", T1, "EU"),
    ],
    ids=["un-official", "port-au-prince", "un-led", "au-panel", "china-eu"],
)
def test_acronyms_that_are_also_words_are_read_only_in_capitals(rules_clf, text, label, body):
    # "Kim Jong-un" was quoted as a UN official, "Port-au-Prince" as the African Union and
    # "un-official" as a UN official (Track 1.5 for a workshop of scholars).
    v = rules_clf.classify(text)
    assert v.label == label, v.explanation
    quoted = [e.text for e in v.evidence if e.kind == "participant"]
    assert not any(q.lower() in ("un", "au", "un-official") for q in quoted if q not in ("UN", "AU", "EU")), quoted
    if body is not None:
        assert any(body in q for q in quoted), quoted
    kim = rules_clf.classify("Donald Trump and Kim Jong-un shook hands in Singapore and held talks.")
    assert "un" not in [e.text for e in kim.evidence], kim.explanation


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        (
            "The ambassador's spouse hosted a weekend of talks in Nairobi between women's groups from the "
            "Kenyan coast and Somali diaspora associations.",
            "ambassador",
        ),
        (
            "The wife of the Japanese ambassador, Mrs Keiko Tanabe, opened a two-day dialogue between "
            "market traders' associations from both sides of the border.",
            "ambassador",
        ),
        (
            "The King's chauffeur, a keen amateur saxophonist, played in a joint concert with jazz musicians "
            "from Jordan and Israel at the Aqaba festival.",
            "King",
        ),
        (
            "The President's security detail escorted Rotary Club members from India and Pakistan who met "
            "at the border for a friendship ceremony and a joint blood drive.",
            "President",
        ),
    ],
    ids=["spouse-possessive", "wife-of", "chauffeur", "security-detail"],
)
def test_an_officials_relative_or_household_is_not_the_official(rules_clf, text, owner):
    # Rule set 2026.12.52: only "wife", "husband", "son", "daughter" and "widow" after the
    # possessive were read, and never "<relative> of the <role>": all four were Track 1.5 or 1.
    v = rules_clf.classify(text)
    assert v.label == T2, v.explanation
    assert owner not in _counted(v, "participant"), v.explanation
    assert owner.lower() in _section(v.explanation, "affiliation"), v.explanation


def test_a_non_state_role_keeps_its_relatives_as_its_side(rules_clf):
    # The "<relative> of" reading is for officials only: the families of the journalists come
    # as the journalists' side, not as people of no one.
    v = rules_clf.classify(
        "The families of the journalists held in Evin prison met the foreign minister in Ankara for "
        "two hours on Tuesday."
    )
    assert "journalists" in _section(v.explanation, "non-state"), v.explanation
    assert "journalists" not in _section(v.explanation, "affiliation"), v.explanation


@pytest.mark.parametrize(
    "text",
    [
        "The governor-elect of Lagos State met scholars and journalists from Ghana in Lagos for a "
        "two-day seminar on the coastal highway.",
        "President-elect Laura Chinchilla, who takes office next month, met Nicaraguan civil-society "
        "leaders and exiled journalists in San José.",
    ],
    ids=["governor-elect", "president-elect"],
)
def test_people_who_only_later_took_office_are_not_officials(rules_clf, text):
    # Guideline rule 11. Both were Track 1.5, the later office counted as held.
    v = rules_clf.classify(text)
    assert v.label == T2, v.explanation
    assert _section(v.explanation, "former"), v.explanation
    assert not _section(v.explanation, "officials:"), v.explanation


@pytest.mark.parametrize(
    "text",
    [
        "Every two years the foreign ministers elect a chair, and this year they met in Lusaka for two "
        "days of talks on the customs union.",
        "In the future, ministers of both countries will meet every year; this year the foreign ministers "
        "met in Oslo and signed the fisheries protocol.",
        "At their annual meeting in Jakarta, the ASEAN foreign ministers elect Malaysia as chair and "
        "adopt the joint communique.",
        "Foreign Minister Ayse Kaya, the party's presidential nominee, met her Greek counterpart in "
        "Athens on Monday for talks on the Aegean.",
    ],
    ids=["elect-as-a-verb", "in-the-future", "elect-before-a-name", "nominee-of-a-party"],
)
def test_words_of_time_to_come_do_not_retire_serving_officials(rules_clf, text):
    # First versions of 2026.12.52 read the verb "elect", "In the future," and a serving
    # minister's nomination as an office taken up later: all were Track 2.
    v = rules_clf.classify(text)
    assert v.label == T1, v.explanation
    assert not _section(v.explanation, "former"), v.explanation


def test_an_ambassador_designate_is_still_an_official(rules_clf):
    # "designate" is not read as an office not yet taken up: the envoy already acts as one.
    v = rules_clf.classify(
        "The Ambassador-designate of Egypt paid a courtesy call on the Minister of Foreign Affairs "
        "in Colombo on Monday and discussed bilateral trade."
    )
    assert v.label == T1, v.explanation


def test_a_patron_is_a_sponsor_not_a_participant(rules_clf):
    # Guideline rule 10: an official who only endorses or sponsors an event does not make it
    # Track 1.5. Was Track 1.5.
    v = rules_clf.classify(
        "The conference of Sudanese women activists was held in Addis Ababa under the patronage of the "
        "Ethiopian Prime Minister."
    )
    assert v.label == T2, v.explanation
    assert "Prime Minister" not in _counted(v, "participant"), v.explanation
    assert any("patronage" in q for q in _section(v.explanation, "host")), v.explanation
    # A patron who also opens the event and speaks takes part (a first version of 2026.12.52
    # made this one a bystander too).
    opened = rules_clf.classify(
        "The Prime Minister, patron of the festival, opened it on Friday and spoke with Iranian and "
        "Israeli artists about their joint exhibition."
    )
    assert opened.label == T15, opened.explanation


@pytest.mark.parametrize(
    "text",
    [
        "During their meeting in Ankara, the two presidents urged the warring parties to return to the "
        "negotiating table.",
        "ECOWAS leaders meeting in Abuja urged the military authorities in Niger, Mali and Burkina Faso "
        "to return to the negotiating table.",
    ],
    ids=["presidents-in-ankara", "ecowas-summit"],
)
def test_leaders_who_meet_and_urge_others_to_talk_are_an_engagement(rules_clf, text):
    # A first version of 2026.12.52 read a call on others to talk as a page of statements, and
    # threw these meetings away.
    v = rules_clf.classify(text)
    assert v.label == T1, v.explanation


def test_household_and_elect_readings_stop_at_their_own_phrase(rules_clf):
    # "A son of Majuro," is a phrase of its own: the ambassador after the comma is no one's
    # relative. "-elect" joined to a later title is that title's, not the minister's.
    son = rules_clf.classify("A son of Majuro, Ambassador Langinlur met students from Fiji in Suva for a dialogue.")
    assert son.label == T15, son.explanation
    assert "ambassador" in _section(son.explanation, "officials"), son.explanation
    met = rules_clf.classify("The Minister for Foreign Affairs met the President-elect of Kenya in Nairobi on Monday.")
    assert "minister for foreign affairs" in _section(met.explanation, "officials"), met.explanation
    assert "president-elect" in _section(met.explanation, "former"), met.explanation


@pytest.mark.parametrize(
    ("text", "official"),
    [
        ("The chief physician of the Health Ministry joined doctors from medical NGOs of both countries "
         "in Geneva, in a personal capacity, for a dialogue on cross-border care.", "ministry"),
        ("The family of ASEAN foreign ministers met informally with think-tank scholars in Bangkok over "
         "dinner to discuss the Myanmar crisis.", "foreign ministers"),
    ],
    ids=["physician-of-a-ministry", "family-of-ministers"],
)
def test_a_household_word_before_an_institution_or_a_family_of_ministers_is_no_relative(rules_clf, text, official):
    # A second review of 2026.12.54: both were read as a relative's, and the officials lost
    # (Track 2 for Track 1.5).
    v = rules_clf.classify(text)
    assert v.label == T15, v.explanation
    assert official in _section(v.explanation, "officials"), v.explanation


def test_a_hyphen_joined_word_after_a_role_is_not_the_roles_modifier(rules_clf):
    # "re-elect" ends in "-elect" (rule not-yet-in-office), but it is joined to "re", not to
    # the ministers before it: they stay serving.
    v = rules_clf.classify(
        "The foreign ministers voted to re-elect Malaysia as chair and met the Thai prime minister "
        "in Bangkok for talks on the Myanmar crisis."
    )
    assert v.label == T1, v.explanation
    assert not _section(v.explanation, "former"), v.explanation


@pytest.mark.parametrize(
    "text",
    [
        "OSLO - The Norwegian foreign ministry summoned Russia's ambassador on Thursday after two "
        "fishing boats were detained in the Barents Sea. Officials said the envoy was told the seizure "
        "was unacceptable.",
        "Lithuania summons Chinese charge d'affaires over trade curbs. Vilnius summoned the Chinese "
        "charge d'affaires on Monday; the deputy foreign minister asked for the curbs to be lifted.",
        "The Ghanaian high commissioner in Abuja was called in by the Nigerian Ministry of Foreign "
        "Affairs on Tuesday over the closure of shops owned by Nigerian traders.",
    ],
    ids=["active", "headline", "passive"],
)
def test_a_foreign_envoy_summoned_is_a_meeting_of_official_parties(rules_clf, text):
    # The ministry and the envoy met: Track 1. All three abstained before rule set 2026.12.56
    # ("nothing describes a meeting").
    v = rules_clf.classify(text)
    assert v.label == T1, v.explanation
    quotes = [e.text for e in v.evidence if e.kind == "interaction" and re.search(r"summon|called in", e.text, re.I)]
    assert quotes and f'"{quotes[0]}"' in v.explanation, v.explanation


@pytest.mark.parametrize(
    "text",
    [
        "The government summoned its ambassador in Tehran home for consultations on Monday after the "
        "attack on the embassy compound.",
        "The tribunal summoned three witnesses, among them a retired diplomat, to give evidence on "
        "Monday about the arms contract.",
        "The head of the school summoned the two students to her office on Friday after the "
        "incident at the dormitory.",
    ],
    ids=["own-envoy", "witnesses", "students"],
)
def test_a_summons_of_anyone_but_a_foreign_envoy_is_no_meeting(rules_clf, text):
    v = rules_clf.classify(text)
    assert v.label == "none", v.explanation


def test_letters_exchanged_between_leaders_are_an_engagement(rules_clf):
    # An exchange between parties (guideline, what counts as an engagement); was abstained on.
    v = rules_clf.classify(
        "President Ramaphosa and the Nigerian President exchanged messages on Saturday to mark sixty "
        "years of diplomatic relations, pledging closer cooperation on trade and security."
    )
    assert v.label == T1, v.explanation
    assert "exchanged messages" in [e.text for e in v.evidence if e.kind == "interaction"], v.explanation
    assert '"exchanged messages"' in v.explanation
    # A message one side only sent is that side's act.
    sent = rules_clf.classify(
        "President Ramaphosa sent a message of condolence to the people of Morocco on Saturday after "
        "the earthquake near Marrakesh."
    )
    assert sent.label == "none", sent.explanation


def test_a_meeting_told_after_the_figures_is_what_the_page_reports(rules_clf):
    # Two particular officials met: the figures before it are background. Was abstained on as a
    # page of figures.
    v = rules_clf.classify(
        "The shilling slid to 152 against the dollar on Tuesday and inflation rose to 7.1 per cent, "
        "according to the central bank. Treasury Cabinet Secretary Njuguna Ndung'u met IMF Managing "
        "Director Kristalina Georgieva in Washington to discuss the next loan review. Bond yields rose."
    )
    assert v.label == T1, v.explanation
    # A meeting named after the figures with nobody in it is still their time, and classes of
    # people in a study's summary are its subject, not a meeting's participants.
    for page in (
        "Exports of cut flowers rose 12 per cent in the first quarter, to 410 million dollars, according "
        "to customs data, ahead of the trade summit in Nairobi in July. Prices fell in March.",
        "Abstract. We ask whether summits raise trade. Using data on 1,200 meetings of heads of state "
        "with foreign ministers between 1990 and 2019, we find that exports rose 4 per cent on average "
        "in the year after a visit, according to our estimates.",
    ):
        assert rules_clf.classify(page).label == "none", page


@pytest.mark.parametrize(
    "text",
    [
        "The government said on Tuesday it was bringing its ambassador in Nairobi home for consultations "
        "after the arrest of two of its nationals.",
        "Russia is calling its ambassador to Canberra back for consultations, the foreign ministry said "
        "on Friday.",
        "The Foreign Ministry said on Monday that its ambassador had been recalled for consultations over "
        "the border shooting.",
    ],
    ids=["brought-home", "called-back", "recalled"],
)
def test_an_envoy_recalled_for_consultations_is_one_sides_act(rules_clf, text):
    # The envoy goes to his own capital: no consultations between parties. All three were
    # Track 1 by the word "consultations" before rule set 2026.12.56.
    v = rules_clf.classify(text)
    assert v.label == "none", v.explanation
    assert "consultations" not in [e.text for e in v.evidence if e.kind == "formal"], v.explanation


def test_an_envoy_who_travels_for_consultations_with_another_side_meets_it(rules_clf):
    v = rules_clf.classify(
        "The Japanese ambassador arrived in Beijing on Monday for consultations with the Chinese vice "
        "foreign minister on the fisheries dispute."
    )
    assert v.label == T1, v.explanation
    assert any("consultations" in e.text for e in v.evidence if e.kind == "formal"), v.explanation


@pytest.mark.parametrize(
    "text",
    [
        "The government did not summon the Chinese ambassador on Monday, despite calls from the opposition.",
        "Opposition MPs urged the foreign minister on Tuesday to summon the Russian ambassador over the cyberattack.",
        "The Dutch ambassador was called in as a witness by the district court on Tuesday in the fraud case.",
        "The two presidents have not exchanged letters since the border war of 1998.",
        "Traders exchanged notes and coins at the border market on Saturday as the currency slid.",
    ],
    ids=["not-summoned", "urged-to-summon", "witness", "letters-denied", "banknotes"],
)
def test_a_summons_or_exchange_denied_asked_for_or_of_another_sense_is_no_meeting(rules_clf, text):
    # A review of the first version of rule set 2026.12.56 found each of these given a track.
    v = rules_clf.classify(text)
    assert v.label == "none", v.explanation


def test_a_summoned_envoy_named_in_apposition_is_still_summoned(rules_clf):
    v = rules_clf.classify("The Chinese ambassador, Xie Feng, was summoned to the State Department on Friday.")
    assert v.label == T1, v.explanation
    assert any("summoned" in e.text for e in v.evidence if e.kind == "interaction"), v.explanation


@pytest.mark.parametrize(
    "text",
    [
        "Rice exports have risen 18 per cent since Indian Prime Minister Narendra Modi met Chinese President "
        "Xi Jinping in Kazan, according to customs data. Prices fell in March.",
        "Exports rose 6 per cent in the quarter, the statistics office said. Principal Secretary Chris Kiptoo "
        "met journalists in Nairobi on Monday to present the figures.",
    ],
    ids=["as-the-time-of-the-figures", "a-class-of-people"],
)
def test_a_meeting_after_the_figures_needs_two_particular_people_reported_in_it(rules_clf, text):
    # The first version of the reading took a meeting told as the figures' time, and a class of
    # people after a name and a verb, as the page's report.
    v = rules_clf.classify(text)
    assert v.label == "none", v.explanation


def test_an_envoy_back_for_consultations_with_the_other_side_meets_it(rules_clf):
    v = rules_clf.classify(
        "Special envoy Zalmay Khalilzad headed back to Doha on Monday for consultations with Taliban "
        "negotiators on the prisoner exchange."
    )
    assert v.label == T1, v.explanation


@pytest.mark.parametrize(
    "text, decision, quoted",
    [
        # No sentence names a meeting and nobody is read as in the room: "ceasefire" is the
        # subject of the calls rejected, not business done by anybody here.
        ("VALLETTA - Malta said on Sunday it was bringing its ambassador in Tripoli home for consultations, "
         "citing the shelling of the capital and the rejection of calls for a ceasefire. The prime minister "
         "told reporters on his flight back from Brussels that he had ordered the recall himself.",
         "nobody-met-about-something-else", "bringing its ambassador"),
        # Officials named, none met: an expulsion announced to reporters.
        ("ACCRA - Ghana has declared the Togolese ambassador persona non grata and said he should leave "
         "the country within a week, Foreign Minister Kofi Mensah told reporters at the ministry. The minister "
         "said the decision concerned one official and not the people of Togo.",
         "officials-acting-alone", "persona non grata"),
        # The only official stays away and nobody else is named.
        ("Prime Minister Okafor will not attend next week's regional summit in Accra, her office said on "
         "Friday, citing the budget debate at home.",
         "officials-said-absent-nobody-else", "Prime Minister Okafor will not attend"),
    ],
    ids=["recall-with-a-ceasefire-named", "expulsion-told-to-reporters", "leader-stays-away"],
)
def test_one_sides_act_in_which_nobody_met_is_no_engagement(rules_clf, text, decision, quoted):
    # Rule set 2026.12.57: blind probes of short news found each of these kinds given a track.
    v = rules_clf.classify(text)
    assert v.label == "none", v.explanation
    assert v.evidence[-1].source == decision, v.evidence[-1]
    assert quoted in v.explanation and quoted in text, v.explanation


def test_an_envoy_called_back_for_consultations_words_later_goes_home(rules_clf):
    # "back ... for consultations" four words apart: the recall sense (before_reach 6).
    v = rules_clf.classify(
        "Wellington has called its ambassador in Manila back to New Zealand for consultations after the "
        "arrest of two aid workers, the foreign minister said on Sunday."
    )
    assert v.label == "none", v.explanation
    assert "consultations" not in [e.text for e in v.evidence if e.kind == "formal"], v.explanation


@pytest.mark.parametrize(
    "text, quoted",
    [
        # A summons told as "called to the Ministry" is one (the summons rule's passive form).
        ("The French Ambassador was called to the Ministry of Foreign Affairs in Wellington today over the "
         "nuclear tests at Mururoa.", "French Ambassador was called to the Ministry"),
        # A meeting verb outside any cue still names the meeting, so a one-sided word beside it
        # ("unacceptable") does not make the text one side's act.
        ("The Iranian charge d'affaires had been convoked to the foreign ministry on Monday over the "
         "cyberattack, which the ministry called unacceptable.", "charge d'affaires"),
    ],
    ids=["called-to-the-ministry", "convoked-beside-a-one-sided-word"],
)
def test_a_foreign_envoy_summoned_in_other_words_is_still_met(rules_clf, text, quoted):
    v = rules_clf.classify(text)
    assert v.label == T1, v.explanation
    assert quoted in v.explanation, v.explanation


def test_officials_said_absent_beside_named_private_people_stay_track_2(rules_clf):
    # Guard for officials-said-absent-nobody-else: private people who met keep the engagement.
    v = rules_clf.classify(
        "No government representative attended the three-day meeting in Oslo; retired diplomats and "
        "historians from both countries compared their archives of the 1990s talks."
    )
    assert v.label == "Track 2", v.explanation


def test_a_foreign_envoy_received_at_the_ministry_is_a_meeting_named(rules_clf):
    # The summons rule reads "received Japan's charge d'affaires", so the figures after it are
    # the meeting's background and the one-sided words around it do not make it one side's act.
    v = rules_clf.classify(
        "The head of the Asia department at the foreign ministry received Japan's charge d'affaires on "
        "Tuesday and told him the new export controls were illegal, the ministry said. Trade between the "
        "two countries has fallen 12 per cent this year."
    )
    assert v.label == T1, v.explanation
    assert "received Japan's charge d'affaires" in [e.text for e in v.evidence if e.source == "summons"], v.evidence


@pytest.mark.parametrize(
    "text, label",
    [
        # One faint sign ("condemned the") is no page of another kind: the sides met.
        ("The two sides hammered out a ceasefire text overnight in Doha. Both delegations condemned the "
         "shelling that had delayed it.", T1),
        # A meeting verb denied names no meeting.
        ("Turkey is bringing its ambassador in Stockholm home for consultations, citing the rejected calls for "
         "a ceasefire. The Swedish ambassador in Ankara was not convoked.", "none"),
        # A state's own envoy, posted abroad, received at home: no other side.
        ("Kenya's foreign minister received Kenya's ambassador to Washington at the ministry on Monday for a "
         "briefing before the trade talks.", "none"),
        # Called to a prosecutor, not to a foreign ministry, and former.
        ("A former Tunisian ambassador was called to the prosecutor's office on Monday over the missing "
         "embassy funds.", "none"),
        # "Came back to the consultations": the meeting resumed, not an envoy recalled.
        ("After a week's pause, the two foreign ministries came back to the consultations in Astana on "
         "Wednesday.", T1),
        # A deal told with the verbs of news is a meeting named, whatever one-sided word stands by it.
        ("Japan's prime minister and South Korea's president shook hands and sealed an intelligence-sharing "
         "pact in Seoul, which a spokesman called an instrument of trust.", T1),
    ],
    ids=["one-faint-sign", "convoked-denied", "own-envoy-received", "called-to-a-prosecutor",
         "consultations-resumed", "deal-sealed"],
)
def test_a_review_of_rule_set_2026_12_57(rules_clf, text, label):
    # A review wrote 143 sentences against the first version of rule set 2026.12.57 and found
    # each of these wrong only with it; mended before any model was shipped with it.
    v = rules_clf.classify(text)
    assert v.label == label, v.explanation
