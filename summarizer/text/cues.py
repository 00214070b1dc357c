"""Every cue word the tool uses, in one versioned table that says why each entry is there.

A cue is general English (or Chinese) news usage, never the wording of one article: each entry
names the pattern of language it stands for. Rules elsewhere read the compiled patterns below;
a new cue goes into this table, with its reason, and bumps `CUES_VERSION` (it enters the
validator's version, so cached verdicts are not replayed under new rules).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "ACTING_PEOPLE",
    "ADVERBIAL_PREPOSITIONS",
    "AGENDA",
    "BODY_WORDS",
    "CABINET_WORDS",
    "COMMENTATORS",
    "COMPASS",
    "COURTESY",
    "CREDIT",
    "CUES",
    "CUES_VERSION",
    "DESCRIBED_BODIES",
    "EARLIER_TIME",
    "EMPTY_POSITION",
    "EXPECTATION",
    "FUTURE_EVENT",
    "GENERIC_ROLES",
    "HEDGES",
    "HOST_AFTER",
    "HOST_BEFORE",
    "INJECTION",
    "INSTITUTION",
    "JOB_NOUNS",
    "KIND_AGREEMENT",
    "KIND_MEETING",
    "KIND_MILITARY",
    "KIND_RELEASE",
    "KIND_SANCTIONS",
    "KIND_VISIT",
    "LATER_MEETING",
    "LATER_TIME",
    "MEETS_WITH",
    "NAMELESS_BODIES",
    "NAME_PARTICLES",
    "NEGATION",
    "NON_PARTICIPATION",
    "NOT_A_NOUN",
    "OPENING_WORDS",
    "OTHER_TIME",
    "PAGE_LABELS",
    "PARTICIPATION",
    "PARTY_ADJECTIVES",
    "PAST_EVENT",
    "PORTFOLIO_PARTIES",
    "POSSESSIVES",
    "PRESS_EVENT",
    "PRESS_ROLES",
    "RANKS",
    "REPORTED_SPEECH",
    "SAID_PAST",
    "SEQUENCE",
    "SESSION_ADDRESS",
    "SOURCE_AFTER",
    "SOURCE_BEFORE",
    "STANCE_WORDS",
    "THING_ROLES",
    "TITLE_ABBREVIATIONS",
    "TITLE_IN_FULL",
    "Cue",
    "alternation",
    "words_of",
]

CUES_VERSION = "47"

# A session people sit in ("a session of the council", "a closed-door session"), not a day of
# trading, as market reports write it ("highs earlier in the session", "a seventh straight
# session of gains", "the trading session") (cues 43).
_SITTING = (
    r"(?<!trading )(?<!straight )(?<!earlier in the )(?<!later in the )(?<!late in the )"
    r"(?<!early in the )sessions?"
)

# A debate or a hearing as a session people attend ("in a televised debate", "during the
# Saturday debate", "hearings on the border"), not the word in passing ("after a heated
# debate" on a vote, "hard of hearing", "the debate over immigration").
_DEBATE_OR_HEARING = (
    r"(?:during|at|in)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:[\w'\u2019-]+\s+){0,2}"
    r"(?:debates?|hearings?)|hearings?\s+(?:on|into|in)"
)


@dataclass(frozen=True)
class Cue:
    kind: str  # which rule reads it
    words: tuple[str, ...]  # regex alternatives, matched as whole words (CJK: as they stand)
    why: str  # the pattern of news language it stands for


CUES: tuple[Cue, ...] = (
    # hedges: an agenda item or claim stated with them is speculative
    Cue(
        "hedge",
        (
            # lower case only: "Theresa May", "in May" are a name and a month, no hedge
            "(?-i:may)",
            "might",
            "could",
            "likely",
            "unlikely",
            r"probabl\w*",
            r"possibl\w*",
            "perhaps",
            r"speculat\w*",
            r"rumou?r\w*",
            "reportedly",
            "believed",
            "thought to",
            "understood to",
            "said to be",
            r"hint\w*",
        ),
        "modal verbs and adverbs of uncertainty; reporting verbs that distance the writer",
    ),
    Cue(
        "commentator",
        (
            r"analysts?",
            r"commentators?",
            r"observers?",
            r"experts?",
            r"researchers?",
            "research fellow",
            r"scholars?",
            r"professors?",
            "think tank",
        ),
        "outside commentators: what they say is on the agenda is their guess, not an "
        "announcement (hedges too); one described so who speaks comments on the event",
    ),
    Cue(
        "commentator",
        (r"academics?", r"(?:senior|visiting)\s+fellows?"),
        "more descriptions of outside commentators, as the devset wrote them of a quoted "
        "scholar ('one of the leading academic voices on Sudan', 'a senior fellow at a "
        "centre'); not 'fellow' alone: 'a fellow Republican' is a peer",
    ),
    Cue(
        "commentator",
        (r"traders?", r"strategists?", r"economists?"),
        "the outside voices of market and campaign reports ('said Ana Ruiz, a senior trader at "
        "a bank', 'chief economist at X', 'a Democratic strategist'): they comment on the news, "
        "they are not its actors (cues 44)",
    ),
    Cue(
        "hedge",
        ("可能", "或将", "或许", "也许", "分析人士", "专家", "观察人士"),
        "the same two groups in Chinese news usage",
    ),
    # expectation: reported as planned or expected, not yet announced officially
    Cue(
        "expectation",
        (r"expect\w*", r"anticipat\w*", r"predict\w*", "预计", "预期"),
        "verbs of expectation: 'is expected to discuss', 'anticipated'",
    ),
    # participation: a person near one of these takes part in the event
    Cue(
        "participation",
        (
            r"visit\w*",
            "meet",
            "meets",
            "meeting",
            "met",
            "talks",
            r"attend\w*",
            r"host\w*",
            r"arriv\w*",
            r"travel\w*",
            "trip",
            "holds?",
            "held",
            r"conven\w*",
            "leads?",
            "led(?! by)",
            r"sign\w*",
            "take part",
            "took part",
            "taking part",
            r"participat\w*",
        ),
        "verbs and nouns of taking part in a meeting or visit",
    ),
    Cue(
        "participation",
        (
            r"join\w*",
            r"welcom\w*",
            r"receiv\w*",
            r"discuss\w*",
            r"consult\w*",
            r"embark\w*",
            r"negotiat\w*",
            "mission",
            "counterparts?",
            r"invit\w*",
            "sat down",
            "summit",
        ),
        "hosting, receiving, negotiating: the other side of a meeting takes part too",
    ),
    Cue(
        "participation",
        (
            r"releas\w*",
            "freed",
            "frees",
            r"hand(?:s|ed|ing)? over",
            "handed",
            r"intermediar\w*",
            r"broker\w*",
            r"mediat\w*",
            r"swap\w*",
            r"exchang\w*",
        ),
        "releases and exchanges: captors, mediators and the receiving side take part",
    ),
    Cue(
        "participation",
        (
            r"vot\w*",
            r"approv\w*",
            r"adopt\w*",
            r"ratif\w*",
            r"endors\w*",
            "passed",
            r"decid\w*",
            r"impos\w*",
            r"testif\w*",
            "press conference",
            "news conference",
            r"address\w*",
            r"speech\w*",
            _DEBATE_OR_HEARING,
        ),
        "decisions, votes, sanctions, testimony, speeches, debates and hearings: who decides "
        "or speaks takes part",
    ),
    Cue(
        "meets_with",
        (
            "meet",
            "meets",
            "meeting",
            "met",
            r"(?:hold|holds|held|holding) talks",
            r"talks",
            r"host(?:s|ed|ing)?",
            r"receiv(?:e|es|ed|ing)",
            r"welcom(?:e|es|ed|ing)",
            r"greet(?:s|ed|ing)?",
            r"sat down",
            r"sits? down",
            r"shook hands",
            r"shakes? hands",
        ),
        "verbs of meeting someone: the other side of a meeting with someone taking part takes "
        "part too ('X will meet his counterpart, Y', 'Y met X', 'X hosted Y')",
    ),
    Cue(
        "sequence",
        (
            "then",
            "later",
            r"afterwards?",
            "subsequently",
            "after",
        ),
        "words of the next step of a day ('X then met Y', 'after lunch, X met Y', 'X and Y had "
        "a meeting after X met Z'): the meeting they tell of follows another, and may not be "
        "the one reported",
    ),
    Cue(
        "mediation_verb",
        (r"brokered", r"mediated", r"facilitated", r"negotiated"),
        "verbs of a go-between: 'brokered by A and B', 'A mediated': in talks, deals and "
        "releases who brokers or negotiates them takes part",
    ),
    Cue(
        "negotiation_noun",
        (
            "talks",
            "negotiations?",
            "deal",
            "agreement",
            "accord",
            "ceasefire",
            "truce",
            "swap",
            "exchange",
            "meeting",
            "dialogue",
            "contacts",
        ),
        "nouns of a negotiation or meeting between two sides: '... between A and B' names "
        "both sides, who take part",
    ),
    Cue(
        "session_address",
        (
            r"appear\w* before (?:[\w-]+ ){0,3}?(?:court|tribunal|judges?|panel|committee|"
            r"inquiry)",
            r"told the (?:court|tribunal|judges?|hearing|panel|committee|inquiry|assembly|"
            r"council|summit|conference|parliament|senate|house)",
        ),
        "speaking to a court or a session is taking part in it, even for a speaker, whose "
        "other words of saying only comment ('X told the court that ...')",
    ),
    Cue(
        "participation",
        (
            r"seiz\w*",
            "seized",
            r"attack\w*",
            r"launch\w*",
            r"strik\w*",
            "struck",
            r"deploy\w*",
            r"detain\w*",
            r"arrest\w*",
            r"captur\w*",
            r"raid\w*",
            r"accus\w*",
        ),
        "acts of force and accusations in security news: who acts or accuses takes part",
    ),
    Cue(
        "participation",
        ("会见", "会谈", "访问", "出席", "参加", "举行", "邀请"),
        "meeting, talks, visit, attending, holding, inviting in Chinese news usage",
    ),
    Cue(
        "non_participation",
        (
            "will not (?:take part|attend|join)",
            "did not (?:take part|attend|join)",
            r"not attend\w*",
            "absent",
            r"skipp\w*",
            "declined to attend",
        ),
        "explicit statements that someone stays away",
    ),
    # reported speech: a sentence with one of these reports someone's statement (a stance)
    Cue(
        "speech",
        (
            "said",
            "says",
            "say",
            "told",
            "stated",
            "added",
            "noted",
            "announced",
            "declared",
            "according to",
            "insisted",
            "stressed",
            "emphasi[sz]ed",
            "warned",
            "urged",
            "called for",
            "called on",
            "demanded",
            "denied",
            "confirmed",
            "rejected",
            "welcomed",
            "condemned",
            r"critici[sz]ed",
            "accused",
            "argued",
            "vowed",
            "pledged",
            "promised",
            "described",
            r"statement",
            "spokes(?:man|woman|person)",
            "tweeted",
            "wrote",
        ),
        "verbs and nouns that introduce what an actor said or holds; quoted speech",
    ),
    # stance words: a sentence with none of these, no word of saying and no quotation reports
    # what someone did, not what they hold; a stance needs one (its absence rejects it)
    Cue("stance_word", (r"wants?", "wanted", "would like", r"hopes?", "hoped", r"seeks?", "sought",
                        r"intends?", r"aims? to", r"plans? to", r"prefers?", "preferred"),
        "wanting and intending: 'Beijing wants Washington to lift tariffs'"),
    Cue("stance_word", (r"believes?", "believed", r"thinks?", "thought", r"considers?",
                        "considered", r"regards?", "regarded", r"views?", "viewed", r"sees?",
                        r"perceives?", "perceived", r"deems?", "deemed", r"maintains?",
                        "maintained", r"insists?", r"expects?", "expected", r"fears?", "feared",
                        r"doubts?", "doubted", r"suspects?", r"worr(?:y|ies|ied)",
                        r"justif(?:y|ies|ied)"),
        "holding a view: 'the EU considers the settlements illegal', 'China maintains a neutral "
        "stance'"),
    Cue("stance_word", (r"alleges?", "alleged", r"claims?", "claimed", r"asserts?", "asserted",
                        r"contends?", "contended", r"argues?", r"suggests?", "suggested",
                        r"acknowledges?", "acknowledged", r"admits?", "admitted",
                        r"disclos(?:e|es|ed)",
                        r"reveal(?:s|ed)?", r"divulge(?:s|d)?", r"reports?", "reported",
                        r"explain(?:s|ed)?", r"describes?", r"calls?", "called", r"labell?ed",
                        "branded", r"dismiss(?:es|ed)?", r"cautions?", "cautioned",
                        r"reiterat(?:es?|ed)", r"reaffirm(?:s|ed)?", "repeated", r"respond(?:s|ed)",
                        r"repl(?:y|ies|ied)", r"comment(?:s|ed)?", r"remark(?:s|ed)?", r"asks?",
                        "asked", r"cit(?:es?|ed)", r"express(?:es|ed)", r"signal(?:s|l?ed)",
                        r"indicat(?:es?|ed)"),
        "claiming, alleging, disclosing, answering: 'China alleges that ...', 'Likud dismissed "
        "Mr. X as ...', 'officials divulged that ...'"),
    Cue("stance_word", (r"supports?", "supported", r"backs?", "backed", r"endorse[sd]?",
                        r"favou?rs?", r"favou?red", r"advocat(?:es?|ed)", r"oppos(?:es?|ed)",
                        r"resists?", "resisted", r"refus(?:es?|ed|ing)", r"balk(?:s|ed|ing)?",
                        r"objects?", "objected", r"agrees?", "agreed", r"disagrees?", "disagreed",
                        r"accepts?", "accepted", r"prais(?:es?|ed)", r"hail(?:s|ed)?",
                        r"blam(?:es?|ed)",
                        r"accuses?", r"protest(?:s|ed)?", r"threaten(?:s|ed)?", r"demands?",
                        r"warns?", r"urges?", r"den(?:y|ies)", r"confirms?", r"rejects?",
                        r"welcomes?", r"condemns?", r"vows?", r"pledges?", r"promises?",
                        r"critici[sz]es?", r"refrain(?:s|ed)?", "committed", r"commits?"),
        "supporting, opposing, agreeing, refusing, blaming: 'Beijing is balking at ...', "
        "'many businesses support ...'"),
    Cue("stance_word", (r"stances?", r"positions?", r"opinions?", r"concerns?", "concerned",
                        "opposition", "support", "commitment", r"interests?", "respect",
                        "analysis", "interview", "speech", "message", "letter", "appeal"),
        "nouns of a view held or voiced: 'their commitment to a multipolar order', 'a shared "
        "interest in countering ...'"),
    Cue("stance_word", ("表示", "说", "称", "指出", "强调", "认为", "希望", "期待", "期望", "支持",
                        "反对", "呼吁", "主张", "立场", "谴责", "欢迎", "关切", "愿意", "重视"),
        "the same in Chinese news: said, stated, pointed out, stressed, believes, hopes, looks "
        "forward to, supports, opposes, calls for, advocates, position, condemns, welcomes, "
        "concern, is willing, attaches importance to"),
    Cue("stance_word", ("spoke", "speaking", "speaks", "telling", "saying", "announcing",
                        "posted", r"tweets?", "writes", "asserting", "adding", "noting"),
        "speaking in other forms than the verbs of reported speech: 'telling the press ...'"),
    # injection: text that addresses the model, not the reader; never evidence of anything
    Cue("injection", (
        r"ignore (?:all |any |the )?(?:previous|prior|above|earlier) (?:instructions?|prompts?)",
        r"disregard (?:all |any |the )?(?:previous|prior|above|earlier)",
        r"(?:add|insert|include|list) [^.\n]{0,80} (?:to|in|into) (?:every|each|all|the) "
        r"(?:field|fields|list|lists|answer|output|json|summary)",
        r"(?:add|insert) [^.\n]{0,80}\b(?:as (?:an? )?)?(?:participants?|attendees?|attending)",
        r"(?:listed|added|included) as (?:an? )?(?:participants?|attendees?|attending)",
        r"(?:you are|as) an? (?:ai|language model|assistant)",
        "system prompt",
        "new instructions?",
        "instructions? for the (?:ai|model)",
    ),
        "prompt-injection phrasing (OWASP LLM01): orders to a model hidden in an article"),
    # host: the person right after one of these (or before "hosted"/"invited") is the host or
    # the one who invited: by the gold convention, a participant of the event
    Cue("host_before", (r"invitation (?:extended |issued )?(?:by|from|of)", r"invited by",
                        r"hosted by", r"at the invitation of", r"guest of"),
        "phrases that name the host or the inviter after them"),
    Cue("host_after", (r"invited", r"(?:will |to )?host(?:s|ed|ing)?", r"welcomed"),
        "verbs whose subject hosts or invites"),
    # tense of the event sentence: a planned event reported in the past tense happened
    Cue("past_event", ("met", "held", "signed", "released", "freed", "agreed", "approved",
                       "concluded", "visited", "talked", "discussed", "hosted", "attended",
                       "took place", "handed over", "announced", "ended", "wrapped up",
                       "voted", "imposed", "lifted", "launched", "seized", "killed", "won"),
        "past-tense verbs of meeting, deciding and acting"),
    Cue("act_present", ("initiates", "engages", "embarks", "begins", "starts", "meets",
                        "visits", "hosts", "attends", "holds", "signs", "launches", "releases",
                        "seizes", "discusses", "talks"),
        "verbs of meeting, acting or starting an act in the present: a stance whose position "
        "is one of them alone or with a preposition ('initiates', 'engages in') reports what "
        "the actor does, not what they hold; attitudes ('agrees', 'welcomes') are no acts"),
    Cue("future_event", ("will", "shall", r"is set to", r"are set to", "is to", "are to",
                         r"plann\w*", r"schedul\w*", r"expect\w*", "upcoming", "forthcoming",
                         r"next (?:week|month|year)", "tomorrow", "later this", "ahead of",
                         # after a copula only: "is due to visit"; "delayed due to lack of
                         # space" gives a cause (cues 41)
                         r"(?:is|are|was|were|be) due to"),
        "markers of something still to come"),
    # agenda: a sentence with one of these says what a meeting is or was about
    Cue(
        "agenda",
        (
            r"discuss\w*",
            "talks? (?:on|about|over)",
            r"focus\w* on",
            "agenda",
            r"address\w*",
            "exchange views",
            "exchanged views",
            r"cover\w*",
            r"on the table",
            r"topics?",
            r"issues?",
            r"deliberat\w*",
            r"consult\w*",
            r"negotiat\w*",
            r"aimed at",
            r"center\w* on",
            r"centre\w* on",
        ),
        "verbs and nouns that name the subject matter of talks",
    ),
    # kinds: an event called a meeting or an agreement has one of these in its own sentence or
    # the headline; without them the model's kind is a guess
    Cue("kind_visit", (r"visit(?:s|ed|ing)?", "访问"),
        "a visit: someone travels to meet; a headline that names the visit reports a visit, "
        "whose meetings are part of it ('Wang Yi Visits Russia')"),
    Cue("kind_meeting", (
        "meet", "meets", "met", "meeting", r"talks?", r"visit\w*", r"summit\w*",
        r"conferenc\w*", r"consult\w*", r"negotiat\w*", r"host\w*", "trip", r"forum",
        r"dialogue", _SITTING, r"gather\w*", r"convene\w*", r"sat down", _DEBATE_OR_HEARING,
        "会见", "会谈", "会晤", "访问", "峰会", "会议",
    ),
        "nouns and verbs of people meeting (a debate or a hearing is a session where people "
        "argue topics): the kinds meeting, talks, visit, summit, conference"),
    Cue("harm_to", (r"ruin\w*", r"derail\w*", r"jeopardi[sz]\w*", r"threaten\w*",
                    r"undermin\w*", r"scuttl\w*", r"wreck\w*", r"endanger\w*", r"torpedo\w*",
                    r"sink\w*", r"complicat\w*", r"hamper\w*"),
        "verbs that put talks or a meeting at risk: 'his appointment could ruin ceasefire talks' "
        "reports what threatens them, not a meeting; the talks are not the event (cues 43)"),
    Cue("press_event", (r"(?:press|news|media) (?:conferences?|briefings?)",),
        "where someone speaks to reporters: 'speaking at a news conference, X said' reports a "
        "statement, not a meeting of parties; the only word of meeting in such a sentence"),
    Cue("said_past", ("said", "stated", "told", "added", "noted", "insisted", "warned",
                      "argued", "announced"),
        "verbs of saying in the past: a statement so reported has been made, whatever it says "
        "about the future ('X said he will present the case next week')"),
    Cue("visit_to", (r"visit(?:s|ed|ing)?(?: to)?", r"trips? to", r"travel\w* to",
                     r"missions? to", r"tours? of", r"journey to", r"arriv\w* in",
                     r"(?:fly|flies|flew|flying) to", r"head(?:s|ed|ing)? to"),
        "words of going somewhere: the place after them is a visit's destination, where it "
        "happens ('a four-day mission to Russia')"),
    Cue("visit_noun", ("visit", "trip"),
        "nouns of going somewhere: the place right before them is the destination ('plans "
        "China visit')"),
    Cue("kind_military", (
        r"war ?games?", r"drills?", r"(?:military|naval|joint|live-fire) (?:exercises?|drills?)",
        r"missiles?", r"air ?strikes?", r"strikes? on", r"troops", r"shell(?:s|ed|ing)",
        r"bomb(?:s|ed|ing|ings)", r"offensive", r"incursions?", r"rockets?",
    ),
        "headline words of armed action and exercises ('launch war games', 'fires missiles', "
        "'hits Kyiv with ballistic missile'): an event called a meeting that no word of "
        "meeting supports is military when its headline says so, else 'other'"),
    Cue("kind_agreement", (
        r"agree\w*", r"deals?", r"accords?", r"sign\w*", r"treat(?:y|ies)", r"pacts?",
        r"truce", r"ceasefire", r"cease-fire", r"memorandum", r"protocol",
        "协议", "签署", "协定",
    ),
        "nouns and verbs of reaching or signing an agreement: the kind agreement"),
    Cue("kind_release", (
        r"releas\w*", r"free(?:d|s|ing)?", r"set free", r"hand(?:s|ed|ing)? over", r"swap\w*",
        r"(?:prisoner|hostage|captive)s? exchange", r"exchange of (?:prisoners|hostages|captives)",
        r"rescu\w*", r"reunit\w*", "释放", "获释",
    ),
        "words of freeing people: the kind release (a death, a forecast or a budget called a "
        "release by a small model says none of them)"),
    Cue("kind_sanctions", (
        r"sanction\w*", r"embargo\w*", r"blacklist\w*", r"asset freezes?",
        r"freez\w* (?:\w+ ){0,2}assets", r"travel bans?", r"export (?:controls?|bans?)",
        r"(?:punitive|restrictive) measures", "制裁",
    ),
        "words of sanctions and their instruments: the kind sanctions"),
    # sources: an outlet or agency named only with these reports the event, it takes no part
    Cue(
        "source_before",
        (
            "according to",
            r"told(?: the)?",
            r"reported by(?: the)?",
            r"quoted by(?: the)?",
            r"said in an interview with(?: the)?",
            r"via(?: the)?",
            "photo",
            r"image\w*",
            "credit",
            "copyright",
            "©",
        ),
        "what stands before a news outlet or wire service cited as the source of a report",
    ),
    Cue(
        "source_after",
        (
            r"report\w*",
            "news agency",
            "wire service",
            r"correspondents?",
            r"contribut\w*",
            r"photographers?",
        ),
        "what follows a news outlet cited as the source: 'Reuters reported', 'AP contributed'",
    ),
    # institutions: after a country or its demonym they name a collective actor ("the Swiss
    # government", "Russia's foreign ministry") that a list of capitalised names misses
    Cue(
        "institution",
        (
            "government",
            "cabinet",
            r"(?:foreign|defen[cs]e|interior|finance|commerce|trade|justice) ministry",
            "ministry",
            "army",
            "military",
            "navy",
            "parliament",
            "police",
            "authorities",
            "officials",
            "delegation",
            "embassy",
            "security council",
            "security services",
            "armed forces",
        ),
        "lower-case nouns of state bodies that act for a country in diplomatic and security news",
    ),
    # people a body acts through: a name right before them is who acts, not a place or a kind
    Cue(
        "acting_people",
        (r"authorit(?:y|ies)", r"officials?", r"forces", r"troops", r"delegations?",
         r"negotiators?", r"representatives?"),
        "plural nouns of the people who act for a body: 'government authorities', 'Kremlin "
        "officials', 'Nigerian forces' (the body takes part through them)",
    ),
    # other times: a sentence with one of these is about another event than this one. A bare
    # year is no such sign: "X will meet Y on 3 March 2024" dates this event.
    Cue("other_time", (r"last (?:week|month|year)", r"earlier this (?:week|month|year)",
                       "previously", "ago", r"in (?:19|20)\d\d", r"later(?! this)",
                       "afterwards", r"separate(?:ly)?"),
        "phrases that put a sentence at another time than the event it mentions; 'later', "
        "'afterwards', 'separate(ly)': a meeting after or beside it ('X later met Y'). Not "
        "'former', which says who someone is ('former council member X is accused'), not when "
        "the sentence happens (cues 40)"),
    Cue("later_time", (r"next (?:week|month|year|night|weekend|monday|tuesday|wednesday|"
                       r"thursday|friday|saturday|sunday)", "tomorrow",
                       r"later this (?:week|month|year|night|weekend|monday|tuesday|wednesday|"
                       r"thursday|friday|saturday|sunday)", "in the coming"),
        "a date phrase pointing forward in time: no date of an event reported as done"),
    Cue("earlier_time", (r"yesterday",
                         r"last (?:week|month|year|night|weekend|monday|tuesday|wednesday|"
                         r"thursday|friday|saturday|sunday)", r"\w+ (?:days?|weeks?) ago"),
        "a date phrase pointing back in time: no date of an event still to come"),
    # speakers: a name right before these verbs (or after these words) speaks about the event
    Cue("speaker_after", ("said", "says", "stated", "told", "added", "noted", "explained",
                          "commented", "announced", r"spokes\w*"),
        "verbs of saying right after a name: 'X said', 'X, a spokesperson'"),
    Cue("aside", ("however", "meanwhile", "though", "too", "also", "instead", "in turn",
                  r"for (?:his|her|its|their) part"),
        "an aside set off by commas between a name and its verb of saying: 'X, however, said'"),
    Cue("speaker_before", ("said", "says", "according to", r"spokes\w*", "told by"),
        "words of saying right before a name: 'according to X', 'said X'"),
    Cue("speech_setting", ("during", "at", "in", "on", "after", "before", "from", "with",
                           "about", "of", "into", "over", "under", "near", "inside", "outside",
                           "across", "through", "to"),
        "prepositions between a word of saying and a name: the name sits in a phrase of where "
        "or when it was said ('said during a Statehouse news conference'), it is no speaker"),
    Cue("speech_verb", ("denied", "reiterated", "stressed", "urged", "condemned", "confirmed",
                        "rejected", "vowed", "pledged", "accused"),
        "verbs that report a position taken, after or before the name, as 'said' does: 'the "
        "EU reiterated it still considers ...', 'Mr. X rejected the criticism as ...' (cues 45; "
        "on the stored answers +3 true stances, no false one)"),
    Cue("speech_verb", ("said", "says", "stated", "told", "added", "noted", "insisted",
                        "warned", "argued"),
        "verbs that report what a named speaker said, after or before the name: '..., X said', "
        "'said X, a trader': whose the stance of the sentence is"),
    # places: a name after these words, or before these nouns, says where, not who
    Cue("where_before", (r"in(?:\s+the)?", r"into(?:\s+the)?", r"near(?:\s+the)?",
                         r"outside(?:\s+the)?", r"inside(?:\s+the)?", r"across(?:\s+the)?",
                         r"at\s+the"),
        "prepositions of place right before a name ('in Chibok', 'at the Oval Office'); 'at' "
        "alone goes with people too ('waved at X')"),
    Cue("where_before", (r"natives?\s+of", r"(?:town|city|village|district|province)\s+of"),
        "phrases that name a place by what it is or who comes from it ('a native of Chibok', "
        "'the town of Banki'); not 'state of', which names a country as an actor ('the State "
        "of Israel') (cues 46)"),
    Cue("place_noun", ("town", "city", "village", "region", "province", "state", "district",
                       "area", "camp", "forest", "strip", "bay", "island", "islands", "coast",
                       "river", "valley", "lake", "sea", "gulf", "peninsula", "county"),
        "nouns of places right after a name: 'Chibok town', 'the Gaza strip', 'Walvis Bay'"),
    Cue("occasion_noun", ("day", "eve"),
        "nouns that end the names of days and holidays after a word of English ('Election "
        "Day', 'National Day', 'New Year's Eve'): a time, not an actor; after a given name a "
        "family name ('Doris Day')"),
    # a topic of talks that took place, set for another meeting
    Cue("later_meeting", ("next", "future", "later", "again", "follow-up"),
        "'agreed to discuss X at their next meeting', 'will take up X again': a topic of a "
        "meeting still to come, not of the one reported"),
    Cue("negation", ("not", "no", "never", "nor", r"\w+n['’]t"),
        "'X was not on the agenda': a topic the sentence denies"),
    # a stance's position that is one of these and nothing else says no position
    Cue("empty_position", (r"speaks?", "spoke", r"reports?", "reported", r"comments?",
                           "commented", r"talks?", "talked", "says", "said", "stated"),
        "a model's 'position' that only says someone spoke ('CNN: reports', 'Buhari: speaks') "
        "tells the reader nothing they hold"),
    # titles of the people who make the news page, named in credits and bylines
    Cue("press_role", ("reporter", "correspondent", "editor", "writer", "columnist",
                       "photographer", "contributor"),
        "'Post White House reporter David Nakamura', 'contributed reporting': the page's own "
        "staff, whom the tool does not add as people of the event (the model still may)"),
    # a role ending in one of these says the name is a place or a thing, not an actor
    Cue("thing_role", ("town", "city", "village", "region", "province", "district", "area",
                       "camp", "forest", "school", "image", "photo", "picture", "index",
                       "building", "square", "street", "avenue", "airport", "balcony"),
        "what a model writes as the 'role' of a place, a picture or a market index it listed: "
        "'Banki: military town', 'Sambisa Forest: training camp', 'Dow Jones: index'"),
    # kinds of body: a role that is one of these says what something is, not its part in it
    Cue("generic_role", ("person", "individual", "people", "country", "nation", "state",
                         "organisation", "organization", "group", "party", "committee",
                         "company", "agency", "body", "institution", "government", "ministry",
                         "newspaper", "outlet", "militant", "militants", "terrorist", "armed",
                         "islamist", "political", "religious", "news", "media", "the", "a",
                         "an"),
        "words a model gives as a 'role' that only name a kind of body or person"),
    # picture credits and captions: a line with one of these is page furniture, not news
    Cue("credit", ("caption", r"photo(?:graph)?s?", "image", "getty", "credit", "courtesy"),
        "words of picture captions and credits"),
    # organisations: capitalised heads of names of bodies written "X of Y"
    Cue("org_head", ("Committee", "Ministry", "Department", r"Organi[sz]ation", "Council",
                     "Court", "Bank", "League", "Union", "Office", "Institute", "Association",
                     "Federation", "Commission", "Agency", "Secretary", "Minister", "Chamber",
                     "House", "Republic", "Party", "Movement", "Front", "Forces", "Army",
                     "Government", "Parliament", "Assembly", "University", "Bureau",
                     "Academy", "Observatory", "Foundation", "Center", "Centre", "Authority",
                     "Forum", "Service"),
        "head nouns of organisations named 'X of Y' ('International Committee of the Red Cross')"),
    # agenda verbs: the words after one of these name a topic of the talks
    Cue("talks_verb", (r"discuss\w*", r"talk(?:s|ed|ing)? (?:on|about|over)", r"focus\w* on",
                       r"exchange\w* views on"),
        "verbs whose object is a topic of talks: 'will discuss X', 'focused on X'; after one of "
        "these with a participant as subject ('we discussed X') the tool adds X to the agenda"),
    Cue("topic_verb", (r"address\w*", r"cover\w*", r"cent(?:er|re)\w* on"),
        "more verbs whose object is a topic when the model cites their sentence ('the talks "
        "will address X'); never enough alone to add one: they also take speeches and costs "
        "('addressed reporters', 'covered the costs')"),
    # bodies a country's news names by the bare word: "the Government said", "the House voted"
    Cue("standalone_body", ("government", "parliament", "house", "army", "court", "assembly",
                            "cabinet", "senate", "congress", "military", "police", "state",
                            "union"),
        "institutions news calls by the bare word, the country understood (UK 'the "
        "Government', US 'the House', 'the Union' for the EU): a name, unlike 'Ministry'"),
    # closed-class words the part-of-speech lexicon (lemminflect) lists as nouns
    Cue("not_a_noun", ("that", "who", "whom", "whose", "which", "what", "he", "she", "it",
                       "they", "we", "i", "you", "this", "these", "those", "one", "ones",
                       "none", "all", "both", "each", "either", "neither", "some", "any"),
        "pronouns, relatives and quantifiers: 'Zhang Guoqing that ...', 'the agency who ...' "
        "do not make the name a modifier of a noun"),
    # possessive determiners: a phrase opening with one is someone's, and names nothing itself
    Cue("possessive", ("his", "her", "its", "their", "our", "my", "your", "whose"),
        "', his lawyer said,' names someone else's lawyer, not the person's role; a topic "
        "'his' names no subject (the lexicon also lists 'his' as the plural of 'hi')"),
    # the lower-case words inside a person's full name
    Cue("name_particle", ("bin", "ibn", "al", "el", "abu", "de", "da", "di", "del", "dos", "du",
                          "la", "le", "van", "von", "der", "den", "ter"),
        "Arabic, Romance, Dutch and German name particles: 'Osama bin Laden', 'Luiz Inacio "
        "da Silva', 'Ursula von der Leyen' are one person's name, lower-case words and all"),
    # grammar around a name: which preposition makes it an affiliation or an object
    Cue("affiliation_of", ("of", "for", "at", "from"),
        "prepositions after a title or name that give where someone serves: 'secretary of "
        "the Council', 'a spokesperson for the ministry'"),
    # affiliations a title or the words after a name give
    Cue("party_adjective", ("Republican", "Democratic", "Democrat", "Labour", "Labor",
                            "Conservative", "Tory"),
        "party words that open a title ('Republican House Speaker Paul Ryan'): the person's "
        "party, the affiliation news gives politicians of two-party systems; after 'the' a "
        "party's member, no speaker ('The Democrat said')"),
    Cue("title_abbreviation", ("Gov", "Sen", "Sens", "Rep", "Reps", "Gen", "Brig", "Lt", "Col",
                               "Maj", "Capt", "Adm", "Sgt", "Cpl", "Pvt", "Cmdr", "Amb", "Supt",
                               "Insp", "Atty", "Rev"),
        "titles of office and rank news style abbreviates before a name ('Ohio Gov. John "
        "Kasich', 'Sen. Chuck Schumer', 'Lt. Gen. ...'): their full stop ends no sentence"),
    Cue("rank", ("Brigadier", "Colonel", "Lieutenant", "Admiral", "Marshal", "Sergeant",
                 "Corporal", "Commodore"),
        "military ranks written in full before a name ('Brigadier General Pat Ryder', "
        "'Lieutenant Colonel ...'): a title, never a body the person serves; the ranks that "
        "are also common words ('Major', 'Captain', 'Private') are left out"),
    Cue("military_title", ("colonel", "brigadier", "lieutenant", "admiral",
                           "marshal", "sergeant", "corporal", "commodore", "major", "captain",
                           "commander", "commandant", r"gen\.?", r"col\.?", r"lt\.?",
                           r"adm\.?", r"maj\.?", r"capt\.?", r"cmdr\.?", "military", "army",
                           "navy", "naval", r"marines?", "exercise"),
        "ranks, commands and services in a role: of armed action or an exercise, who speaks "
        "with one of these commands it and takes part ('Brigadier General X told reporters'); "
        "a president or a spy chief quoted on it comments. 'General' only as `general_rank`"),
    Cue("general_rank", ("general",),
        "'General' is a rank only where a title begins with it ('General Arturo Rojas'); "
        "after a civil office it is none ('Secretary-General', 'Attorney General')"),
    Cue("adverbial_preposition", ("after", "before", "over", "above", "below", "behind",
                                  "beyond", "following", "near"),
        "prepositions the part-of-speech lexicon lists as adjectives or adverbs: 'after former "
        "leader Ismail Haniyeh' puts no 'after' in the title ('under' and 'past' are left out: "
        "'under secretary', 'past president' are titles)"),
    Cue("courtesy", ("Mr", "Mrs", "Ms", "Dr"),
        "courtesy words before a name: what follows is the name's own first word ('Mr. Abbas "
        "Araghchi'), and a name after one is a person's ('Mr. Obama')"),
    Cue("opening_word", ("how", "what", "why", "where", "who", "whom", "whose", "which", "when",
                         "while", "however", "meanwhile", "moreover", "also", "some", "many",
                         "several", "few", "most", "both", "another", "each", "every", "any",
                         "such", "today", "yesterday", "tomorrow", "read", "related", "image",
                         "caption", "photo", "advertisement", "and", "but", "yet", "although",
                         "though", "because", "unless", "whether"),
        "question words, quantifiers, sentence adverbs, conjunctions and page furniture that "
        "open a sentence or a headline and never a name ('How Donald Trump won', 'Some White "
        "House advisers', 'But Beijing'; the lexicon of nouns and verbs has no conjunctions); "
        "not the short words that also open names ('He Lifeng', 'To Lam', 'One Nation', 'So "
        "Yeon')"),
    Cue("compass_adjective", (r"(?:north|south)?-?(?:north|south|east|west)ern", "central"),
        "points of the compass as adjectives: before a place they name a part of it "
        "('Northeastern Nigeria', 'Eastern Ukraine'), which no one is"),
    Cue("portfolio_party", ("Labor", "Labour"),
        "party words that also name a ministry's portfolio: before a word of the cabinet "
        "('Labor Secretary Julie Su', 'Labour Minister') they name the ministry, not the party"),
    Cue("cabinet_word", ("minister", "secretary", "department", "ministry"),
        "the words of a cabinet post after a portfolio ('Labor Secretary', 'Labour Ministry')"),
    Cue("described_body", ("government", "ministry", "officials", "authorities", "military",
                           "army", "police", "parliament", "cabinet"),
        "nouns a country's state bodies are described by: 'the Sudanese government', 'China's "
        "commerce ministry', 'American officials' belong to the country named before them"),
    Cue("job_noun", ("fellow", "strategist", "trader", "lawyer", "attorney", "historian",
                     "activist", "consultant", "diplomat", "politician"),
        "jobs that are no office: an appositive headed by one gives a person's role and where "
        "they work ('Jane Roe, a senior fellow at the X Institute, said')"),
    Cue("object_of", ("to", "against", "with", r"towards?", "on", "into", "over", "about",
                      "regarding"),
        "prepositions before a name that make it the object of a sentence, not its speaker; "
        "'by' (a passive's agent holds the position) and 'including' are left out on purpose"),
    Cue("stance_noun", (r"demands?", r"calls?", r"positions?", r"proposals?", r"plans?",
                        r"requests?", r"views?", r"stances?", r"offers?", "terms",
                        "conditions", r"concerns?", r"objections?", r"insistence", r"refusal"),
        "nouns of holding a position: after a possessive they name who holds it, even after a "
        "preposition ('agrees to Beijing's demands': Beijing's position)"),
    Cue("member_noun", (r"members?", r"lawmakers?", r"legislators?", r"officials?",
                        r"leaders?", r"staff", r"envoys?", r"delegates?"),
        "nouns of the people of a body: 'lawmakers on the House committee requested ...': the "
        "body after them acts through its people, it is no object"),
    Cue("page_label", ("update", "updated", "breaking", "exclusive", "analysis", "opinion",
                       "editorial", "watch", "live", "video", "listen", "explainer", "factbox",
                       "correction", "advisory", "insight", "focus", "preview", "review"),
        "labels that news pages print in capitals before a dash ('UPDATE 2 -', 'EXCLUSIVE -', "
        "'ANALYSIS-'), where a wire dateline puts its place: no place"),
)


def alternation(kind: str) -> str:
    """The Latin-script words of one kind as a regex group, for rules that place them inside a
    pattern of their own ("X said" needs the verb right after the name)."""
    return "(?:" + "|".join(w for c in CUES if c.kind == kind for w in c.words) + ")"


def words_of(kind: str) -> frozenset[str]:
    """The words of one kind as plain lower-case words, for rules that compare whole words."""
    return frozenset(w.lower() for c in CUES if c.kind == kind for w in c.words)


def _pattern(kind: str) -> re.Pattern[str]:
    latin: list[str] = []
    other: list[str] = []
    for cue in CUES:
        if cue.kind == kind:
            for word in cue.words:
                (latin if word.isascii() else other).append(word)
    parts = [r"\b(" + "|".join(latin) + r")\b"] if latin else []
    return re.compile("|".join(parts + other), re.IGNORECASE)


COMMENTATORS = _pattern("commentator")
HEDGES = re.compile(f"{_pattern('hedge').pattern}|{COMMENTATORS.pattern}", re.IGNORECASE)
EXPECTATION = _pattern("expectation")
SESSION_ADDRESS = _pattern("session_address")
PARTICIPATION = re.compile(
    f"{_pattern('participation').pattern}|{SESSION_ADDRESS.pattern}", re.IGNORECASE
)
NON_PARTICIPATION = _pattern("non_participation")
REPORTED_SPEECH = _pattern("speech")
STANCE_WORDS = _pattern("stance_word")
AGENDA = _pattern("agenda")
INJECTION = _pattern("injection")
PAST_EVENT = _pattern("past_event")
HOST_BEFORE = _pattern("host_before")
HOST_AFTER = _pattern("host_after")
FUTURE_EVENT = _pattern("future_event")
INSTITUTION = _pattern("institution")
SOURCE_BEFORE = _pattern("source_before")
SOURCE_AFTER = _pattern("source_after")
KIND_MEETING = _pattern("kind_meeting")
KIND_VISIT = _pattern("kind_visit")
KIND_AGREEMENT = _pattern("kind_agreement")
KIND_MILITARY = _pattern("kind_military")
KIND_RELEASE = _pattern("kind_release")
KIND_SANCTIONS = _pattern("kind_sanctions")
PRESS_EVENT = _pattern("press_event")
SAID_PAST = _pattern("said_past")
ACTING_PEOPLE = _pattern("acting_people")
NOT_A_NOUN = words_of("not_a_noun")
OTHER_TIME = _pattern("other_time")
MEETS_WITH = _pattern("meets_with")
SEQUENCE = _pattern("sequence")
LATER_TIME = _pattern("later_time")
EARLIER_TIME = _pattern("earlier_time")
CREDIT = _pattern("credit")
GENERIC_ROLES = words_of("generic_role")
BODY_WORDS = words_of("org_head") | words_of("generic_role")
NAME_PARTICLES = words_of("name_particle")
THING_ROLES = words_of("thing_role")
PRESS_ROLES = words_of("press_role")
PAGE_LABELS = words_of("page_label")
PARTY_ADJECTIVES = words_of("party_adjective")
PORTFOLIO_PARTIES = words_of("portfolio_party")
TITLE_ABBREVIATIONS = words_of("title_abbreviation")
RANKS = words_of("rank")
# What each abbreviated title stands for, so a role the model writes in full ("Governor") is
# found where the article abbreviates it ("Indiana Gov. Eric Holcomb"): one entry per
# `title_abbreviation` cue (a test keeps the two in step).
TITLE_IN_FULL = {
    "gov": "governor", "sen": "senator", "sens": "senators", "rep": "representative",
    "reps": "representatives", "gen": "general", "brig": "brigadier", "lt": "lieutenant",
    "col": "colonel", "maj": "major", "capt": "captain", "adm": "admiral", "sgt": "sergeant",
    "cpl": "corporal", "pvt": "private", "cmdr": "commander", "amb": "ambassador",
    "supt": "superintendent", "insp": "inspector", "atty": "attorney", "rev": "reverend",
}
COURTESY = words_of("courtesy")
OPENING_WORDS = words_of("opening_word")
COMPASS = re.compile(rf"(?:{alternation('compass_adjective')})", re.IGNORECASE)
CABINET_WORDS = words_of("cabinet_word")
POSSESSIVES = words_of("possessive")
DESCRIBED_BODIES = words_of("described_body")
JOB_NOUNS = words_of("job_noun")
ADVERBIAL_PREPOSITIONS = words_of("adverbial_preposition")
LATER_MEETING = _pattern("later_meeting")
NEGATION = _pattern("negation")
EMPTY_POSITION = re.compile(rf"(?:{alternation('empty_position')})[.!]?", re.IGNORECASE)
# A bare word of these names no body at all ("Ministry", "Committee"), unlike "the Government".
NAMELESS_BODIES = BODY_WORDS - words_of("standalone_body")
