"""Seeded news-like corpora with planted duplicates, rewrites and same-story reports.

Everything here is invented for this project: the towns, regions, people, companies
and outlets are generated from syllables, and the sentence templates and word lists
were written for the benchmark. ``write(n, seed, path)`` writes ``n`` articles as
JSON lines plus ``<stem>.gold.json`` with the gold story clusters:

    .venv/bin/python bench/corpusgen.py --articles 10000 -o bench/data/corpus-10k.jsonl

How a corpus is built:

* A *plan* (cheap, no text) fixes every story (topic, date, town), every article
  (story, relation to a source article, outlet, date, length) and the output order.
  The gold clusters come from the plan alone (``gold(n, seed)``).
* Story sizes are heavy-tailed: about half the articles are singletons, most other
  stories have 2-5 articles, some 10-50, and from 10,000 articles on one or two
  "wire" stories are reprinted by hundreds of outlets (~0.5% and ~0.3% of ``n``, at
  least 100 articles each; the second from 50,000 articles on).
* A quarter of the stories are *distractors*: a second story of the same topic a few
  days from another one (two warehouse fires in two towns in one week), generated
  from the same templates with different places, people and numbers.
* The stories start on days spread over ``span_days`` (``--span-days``, default 700)
  from 1 January 2023, so a corpus of any size keeps the same calendar and grows
  denser as it grows; a span proportional to ``n`` keeps the density instead (a
  week holds the same number of reports), as an archive growing in time does.
* Article text is a pure function of (seed, article): fresh reports are built from
  the story facts (topic sentence templates, several phrasings each), quotes and
  filler sentences whose words are drawn from Zipf-distributed word lists; derived
  articles are edits of their source (regenerated on demand, with a small cache), so
  the corpus streams out in shuffled order without holding it in memory.

Relations (``links`` in the gold, derived -> source): ``exact``, ``near-duplicate``,
``trimmed``, ``reordered``, ``rewrite`` and ``same-story`` (an independent report of
the same event: same facts, different phrasings and filler).
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import json
import math
import random
import re
import sys
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

# ---------------------------------------------------------------------------------------
# Word lists (written for this module). Rough frequency order: earlier = more common.
# ---------------------------------------------------------------------------------------

NOUNS = """
year government company week month day plan report council city town business group
family school service market country region area district policy budget programme project
decision statement meeting agreement deal proposal law rule change issue problem question
result figure number rate price cost level share increase rise fall cut loss profit
investment fund tax bill payment contract job worker employee member leader official
director manager officer expert analyst researcher resident neighbour driver passenger
customer patient doctor nurse teacher student parent community society house home building
road street bridge station airport hospital office factory site centre park river coast
border village neighbourhood property land water power energy electricity gas fuel food
supply demand trade industry sector economy growth risk threat danger safety security health
system network record history future period season summer winter morning evening night hour
minute moment event incident accident attack case trial court judge lawyer charge claim
evidence investigation inquiry review study survey poll vote election campaign party
candidate seat majority opposition support pressure protest strike union action effort
response warning alert concern fear hope view opinion debate discussion talk message letter
document detail fact version story headline article paper website phone computer technology
device machine vehicle car truck bus train plane ship boat flight trip journey visit tour
festival match game team player coach club league title goal point win defeat victory fan
crowd audience ticket stadium ground field forecast weather wind rain flood storm snow
temperature climate environment pollution waste recycling transport traffic route line
scheme strategy target priority step measure standard quality value benefit advantage
impact effect cause reason factor condition situation position role task duty right power
authority agency department ministry minister president mayor governor spokesperson
executive chairman board shareholder investor bank loan debt deficit income wage salary
pension retirement career training skill experience knowledge idea plan approach method
process operation activity practice procedure test trial check inspection audit assessment
estimate calculation total amount quantity average majority minority percentage proportion
sample participant volunteer organisation charity foundation association institute
university college academy library museum theatre gallery church square market hall tower
wall roof window door floor room kitchen garden yard gate fence corner edge side front back
top bottom middle centre north south east west direction distance mile kilometre metre
corridor tunnel highway motorway junction crossing port harbour dock warehouse depot plant
mill workshop store shop restaurant hotel cafe bar farm field forest hill valley lake island
beach cliff shore bay channel canal dam reservoir pipe cable tank engine fire smoke flame
blaze alarm siren emergency rescue crew ambulance shelter injury wound death victim witness
suspect thief robbery burglary theft fraud crime arrest sentence prison fine penalty appeal
verdict ruling hearing jury lawsuit settlement damage compensation insurance insurer premium
claim owner tenant landlord rent mortgage housing shortage crisis recovery recession
inflation unemployment employment hiring workforce shift overtime contract offer deadline
dispute negotiation mediator ballot picket walkout stoppage disruption delay cancellation
closure reopening opening launch release product brand model design feature price
discount sale revenue earning dividend margin quarter outlook guidance forecast stock bond
currency dollar euro cent percent drop jump gain surge slump rally trend sign signal sector
transfer fee signing player striker defender midfielder goalkeeper winger manager squad
contract clause injury season debut appearance trophy cup championship final tournament
scientist doctor study trial finding diet sleep exercise disease illness symptom treatment
drug vaccine medicine therapy clinic surgery diagnosis cancer heart brain blood lung
weight habit lifestyle risk link association journal paper author co-author adult
teenager generation population census border migrant visitor tourist guest host partner
ally rival critic supporter opponent protester activist campaigner lobbyist adviser
consultant contractor supplier retailer manufacturer producer operator provider developer
builder engineer architect planner designer inspector regulator watchdog commission committee
panel tribunal assembly parliament senate cabinet coalition faction bloc movement
"""

VERBS = """
say make take give find tell become leave feel bring begin keep hold write stand hear let
mean set meet run pay lead understand speak spend grow win lose send build fall cut rise sell
buy break choose seek show know see go come think get put hit drive fight shut strike throw
announce report confirm warn expect plan call ask need help try move open close start end
continue remain include follow change reach receive create raise reduce increase improve
provide support allow require suggest describe explain claim deny reject accept approve agree
decide consider discuss review launch release publish develop design produce deliver offer
invest fund cover face handle manage control limit block ban stop delay cancel postpone
prevent protect defend attack damage destroy injure kill rescue evacuate treat recover
return arrive visit travel drop jump climb double halve extend expand boost cut target
promise pledge vow urge demand insist argue criticise condemn praise welcome thank blame
accuse charge arrest detain release convict sentence fine appeal overturn uphold rule order
investigate examine inspect check test monitor measure record track study analyse estimate
calculate predict forecast signal indicate reveal disclose hide admit apologise resign
appoint elect vote campaign protest strike negotiate settle sign transfer join score
attend host organise prepare respond react address tackle solve fix repair replace restore
restart resume reopen shut collapse flood burn spread contain battle struggle suffer
survive die miss save spend borrow lend owe earn hire employ dismiss retire train teach
learn share post deploy station patrol guard secure capture seize recover identify name
link connect compare rank list note mention stress highlight emphasise underline question
challenge dispute oppose back endorse favour prefer adopt implement introduce propose
submit file lodge register apply qualify enter exit leave host stage mark celebrate
"""

ADJECTIVES = """
new local public national regional political economic social financial high low large small
big major key main important serious difficult early late recent final former current
possible likely clear strong weak good bad better worse best worst long short full
free private general special particular specific different similar certain real true
available open closed whole total average annual monthly weekly daily young old senior
junior medical legal official independent international foreign domestic central northern
southern eastern western coastal rural urban industrial commercial residential modern
traditional historic ancient previous next further additional extra new fresh latest
significant substantial considerable dramatic sharp steep modest slight gradual rapid quick
fast slow sudden unexpected surprising unusual rare common frequent regular normal typical
standard basic simple complex complicated detailed broad wide narrow deep heavy light
bright dark hot cold warm cool wet dry safe dangerous risky hazardous severe grave critical
urgent immediate direct indirect personal individual collective joint shared single double
empty busy crowded quiet calm angry furious happy pleased glad worried concerned anxious
confident hopeful optimistic cautious careful careless responsible liable guilty innocent
fair unfair reasonable acceptable controversial popular unpopular famous familiar strange
huge massive enormous tiny minor little vast limited narrow extensive intensive expensive
cheap affordable costly profitable efficient effective successful powerful robust stable
unstable volatile steady tough hard easy smooth rough sensitive vulnerable fragile
environmental structural technical digital online electric mechanical chemical natural
physical mental emotional human civil military criminal judicial electoral parliamentary
municipal provincial administrative corporate institutional academic scientific clinical
"""

ADVERBS = """
also now still just already even only again later soon then often recently quickly slowly
nearly almost largely mainly mostly partly fully entirely clearly apparently reportedly
officially publicly privately formally finally eventually immediately initially previously
currently increasingly sharply steadily gradually rapidly strongly firmly widely heavily
closely directly separately jointly briefly temporarily permanently originally frequently
rarely usually generally particularly especially significantly substantially slightly
"""

SYNONYM_GROUPS = """
n: fire blaze | building structure | worker employee | company firm | plan proposal
n: increase rise | fall drop decline | cost price | agreement deal accord | investigation inquiry probe
n: problem issue | concern worry | car vehicle | home house | road street | doctor physician
n: result outcome | job post | leader head | payment fee | warning alert | statement announcement
n: effort attempt | goal target | rule regulation | site location | area zone region | town city
n: crowd audience | danger threat risk | boss chief | shop store | figure number
n: victory win | defeat loss | suspect accused | witness bystander | study research | critic opponent
n: finding conclusion | factory plant | warehouse depot | resident local | spokesperson representative
v: say state | tell inform | announce unveil | rise climb | show reveal | help assist | begin start
v: need require | ask request | buy purchase | end finish | expect anticipate | cut reduce
v: warn caution | praise commend | criticise condemn | reject dismiss | confirm verify
v: approve endorse | damage harm | destroy wreck | investigate examine probe | arrest detain
v: win secure | build construct | close shut | raise lift | seek pursue | claim allege
v: describe portray | suggest indicate | affect hit | improve boost | cause trigger | stop halt
v: delay postpone | rescue save | spend use | receive get | treat handle
a: big large | small minor | important key major | new fresh | difficult hard tough
a: quick fast rapid | serious severe grave | recent latest | early initial | final last
a: strong robust powerful | high elevated | safe secure | possible potential | clear obvious
a: main chief principal | former previous | angry furious | happy pleased glad
a: worried concerned anxious | common frequent | huge massive enormous | dangerous risky hazardous
a: local regional | whole entire | expensive costly | cheap affordable | steady stable
r: quickly rapidly | recently lately | nearly almost | mainly mostly largely | finally eventually
r: immediately instantly | strongly firmly | clearly plainly | currently presently | often frequently
n: government administration | report account | group organisation | business enterprise
n: family household | change shift alteration | strike walkout stoppage | policy strategy
n: offer bid | scheme programme | wind gale | decision ruling judgment | storm tempest
n: country nation | candidate contender | district borough | court tribunal | profit gain
n: revenue turnover | law legislation | meeting session | researcher scientist | forecast prediction
n: smoke fume | driver motorist | customer client | power electricity | voter elector
n: firefighter fireman | question query | crew team | estimate assessment | review evaluation
n: dividend payout | dispute row conflict | lawyer attorney | owner proprietor | rain rainfall
n: tax levy | claimant plaintiff | detective investigator | effect impact consequence
n: outlook prospect | passenger traveller | disease illness ailment | measure step | debris rubble
n: link connection | fine penalty | expert specialist | pressure strain | talk discussion debate
n: injury wound | growth expansion | disruption upheaval | student pupil | crime offence
n: charge accusation | supporter backer | flood deluge | author writer | habit routine
n: funding financing | response reaction | incident episode | factor element | coalition alliance
n: robbery heist | protest demonstration | industry sector | journey trip | death fatality
n: port harbour | period spell | treatment therapy | vote ballot
v: give provide | find discover | run operate | hold keep retain | promise pledge vow | call summon
v: allow permit | send dispatch | speak talk | remain stay | create generate | publish release
v: deliver supply | fight battle tackle | respond reply react | urge encourage | grow expand
v: think believe | employ hire | choose select pick | limit restrict curb | cancel scrap
v: face confront | argue contend | consider weigh | decide determine | try attempt | block obstruct
a: next following | financial fiscal | full complete | long lengthy | real genuine actual
a: additional extra further | likely probable | similar comparable | bad poor | different distinct
a: confident assured | short brief | fair equitable | current present | total overall
a: international global | particular specific | annual yearly
r: later afterwards | soon shortly
"""

IRREGULAR_VERBS = {
    "say": ("said", "said"),
    "make": ("made", "made"),
    "take": ("took", "taken"),
    "give": ("gave", "given"),
    "find": ("found", "found"),
    "tell": ("told", "told"),
    "become": ("became", "become"),
    "leave": ("left", "left"),
    "feel": ("felt", "felt"),
    "bring": ("brought", "brought"),
    "begin": ("began", "begun"),
    "keep": ("kept", "kept"),
    "hold": ("held", "held"),
    "write": ("wrote", "written"),
    "stand": ("stood", "stood"),
    "hear": ("heard", "heard"),
    "let": ("let", "let"),
    "mean": ("meant", "meant"),
    "set": ("set", "set"),
    "meet": ("met", "met"),
    "run": ("ran", "run"),
    "pay": ("paid", "paid"),
    "lead": ("led", "led"),
    "understand": ("understood", "understood"),
    "speak": ("spoke", "spoken"),
    "spend": ("spent", "spent"),
    "grow": ("grew", "grown"),
    "win": ("won", "won"),
    "lose": ("lost", "lost"),
    "send": ("sent", "sent"),
    "build": ("built", "built"),
    "fall": ("fell", "fallen"),
    "cut": ("cut", "cut"),
    "rise": ("rose", "risen"),
    "sell": ("sold", "sold"),
    "buy": ("bought", "bought"),
    "break": ("broke", "broken"),
    "choose": ("chose", "chosen"),
    "seek": ("sought", "sought"),
    "show": ("showed", "shown"),
    "know": ("knew", "known"),
    "see": ("saw", "seen"),
    "go": ("went", "gone"),
    "come": ("came", "come"),
    "think": ("thought", "thought"),
    "get": ("got", "got"),
    "put": ("put", "put"),
    "hit": ("hit", "hit"),
    "drive": ("drove", "driven"),
    "fight": ("fought", "fought"),
    "shut": ("shut", "shut"),
    "strike": ("struck", "struck"),
    "throw": ("threw", "thrown"),
    "forecast": ("forecast", "forecast"),
    "lend": ("lent", "lent"),
    "teach": ("taught", "taught"),
    "learn": ("learned", "learned"),
    "plan": ("planned", "planned"),
    "stop": ("stopped", "stopped"),
    "ban": ("banned", "banned"),
    "drop": ("dropped", "dropped"),
    "admit": ("admitted", "admitted"),
    "control": ("controlled", "controlled"),
    "cancel": ("cancelled", "cancelled"),
    "travel": ("travelled", "travelled"),
    "submit": ("submitted", "submitted"),
    "jump": ("jumped", "jumped"),
    "target": ("targeted", "targeted"),
    "label": ("labelled", "labelled"),
}

IRREGULAR_PLURALS = {
    "child": "children",
    "woman": "women",
    "man": "men",
    "person": "people",
    "crisis": "crises",
    "life": "lives",
    "shelf": "shelves",
    "half": "halves",
    "thief": "thieves",
    "spokesperson": "spokespeople",
    "fireman": "firemen",
    "chairman": "chairmen",
    "series": "series",
    "percent": "percent",
    "analysis": "analyses",
    "diagnosis": "diagnoses",
    "hero": "heroes",
    "evidence": "evidence",
    "knowledge": "knowledge",
    "weather": "weather",
    "electricity": "electricity",
    "pollution": "pollution",
    "inflation": "inflation",
    "unemployment": "unemployment",
    "employment": "employment",
    "housing": "housing",
    "recycling": "recycling",
    "workforce": "workforces",
    "research": "research",
}

# Nouns drawn more often in filler sentences of one topic (singular forms).
TOPIC_WORDS = {
    "fire": "fire blaze flame smoke firefighter crew engine alarm building warehouse factory "
    "roof wall investigator insurer evacuation hydrant ladder ember debris site owner",
    "storm": "storm wind gust rain flood tree roof power line forecaster warning coast river "
    "road closure outage cleanup debris shelter gauge forecast engineer",
    "election": "election vote voter ballot candidate campaign party seat poll turnout count "
    "result victory defeat majority coalition rally debate manifesto supporter district",
    "earnings": "earnings revenue profit margin quarter share investor analyst forecast dividend "
    "sale market cost outlook guidance shareholder growth stock demand supplier",
    "strike": "strike union worker walkout picket pay wage offer talk dispute ballot employer "
    "shift service commuter member mediator negotiator stoppage deal",
    "court": "court judge ruling verdict case lawyer claimant defendant appeal hearing fine "
    "damage evidence law trial jury witness settlement regulator penalty",
    "transfer": "transfer fee player club striker contract season goal manager squad signing "
    "midfielder defender league fan debut clause deal trophy coach",
    "health": "study researcher participant risk diet disease patient trial finding journal "
    "doctor health sleep exercise habit illness scientist sample treatment",
    "crime": "police officer suspect arrest robbery theft burglary witness detective victim "
    "camera vehicle charge investigation evidence patrol inquiry thief van",
    "policy": "policy plan minister scheme budget funding home transport school reform "
    "programme target critic opposition council proposal consultation project",
}

# Filler sentence frames. {N} noun, {NS} plural noun, {A} adjective, {V} past tense,
# {VB} base verb, {VS} third person present, {VN} past participle, {R} adverb,
# {T}/{TS} topic noun (singular/plural), {NUM} small number; {town}, {region},
# {weekday}, {org}, {name}, {last} come from the story.
FRAMES = """
The {A} {N} {V} the {N} of the {T} in {town}.
{NS} {V} that the {N} would {VB} the {A} {NS} by the end of the year.
Officials {V} the {N} on {weekday} but {V} to {VB} the {A} {N}.
The {T} has {VN} {R} since the {N}, according to {A} {NS}.
It was not {A} whether the {N} would {VB} the {NS} of the {T}.
Local {NS} {V} the {A} {N}, which {V} {R} last year.
The {N} {VS} {A} {NS} and {A} {NS} across {region}.
Many {NS} in {town} {V} the {N} as {A}.
{org} {V} the {N} of {A} {NS} earlier this year.
{A} {NS} have {VN} the {T} for {A} {NS}.
There was no {A} {N} of the {N}, {A} {NS} {V}.
Some {NS} {V} the {N} was {R} {A}.
The {N} of the {T} {V} {A} {NS} among {NS} and {NS}.
Last year the {A} {N} {V} {NUM} {NS} in the {N}.
Critics {V} the {N} as {A}, while {NS} {V} the {A} {N}.
The {A} {T} is {VN} to {VB} the {N} in the coming months.
{name} {V} the {A} {N} in a {N} to {NS}.
Questions {V} over the {N} of the {A} {N} in {town}.
The {N} {VS} to {VB} {A} {NS} over the next {NUM} years.
In {town}, the {N} {V} {A} {NS} and a {A} {N}.
The {T} came at a {A} time for the {N}.
{A} {NS} {V} {R} after the {T}, {NUM} {NS} said.
The {N} {V} {NUM} {NS}, {R} more than the {N} had {VN}.
Residents {V} the {A} {N} and the {N} near the {T}.
According to the {N}, {NUM} {NS} {V} the {A} {N} last year.
The {N} had {VN} the {A} {N} for {NUM} years.
{org} has {R} {VN} the {A} {NS} of the {N}.
Several {NS} {V} the {N} to the {A} {T}.
A {A} {N} from the {N} {V} the {NS} in {region}.
The {A} {NS} {V} {R}, and the {N} {V} the {T}.
Both {NS} {V} the {N} on {weekday}.
The {N} will {VB} the {A} {N} and {VB} the {NS}.
It is the {A} {N} of its {N} in {region} this year.
{NS} and {NS} {V} the {A} {N} before the {T}.
Those {NS} {V} {R} in the {A} {N}.
The {A} {N} {V} at least {NUM} {NS}.
Details of the {N} were {VN} to the {A} {NS}.
The {T} {V} the {N} of {A} {NS} in {town}.
Such {NS} are {R} {A} in {region}, {A} {NS} {V}.
No {A} {N} has been {VN} so far.
The {N} is {A} to {VB} the {NS}, the {N} {V}.
{last} {V} the {N} and the {A} {NS} in a {N} on {weekday}.
The {A} {N} is {VN} by {NUM} {NS}.
Over the past {NUM} years, the {N} has {VN} {A} {NS}.
The {N} {V} {R} when the {T} {V}.
Experts {V} that the {A} {N} could {VB} the {NS}.
A {N} for the {N} {V} the {NS} had been {VN}.
The {A} {TS} of the {N} are {R} {VN}.
{TS} {V} the {A} {N} of the {N}, {R} in {town}.
The {T} and the {A} {N} {V} {A} {NS} from the {N}.
"""

STOCK = (
    "{org} did not immediately respond to a request for comment.",
    "Further details were not immediately available.",
    "It was not immediately clear when the full picture would emerge.",
    "This story has been updated with additional details.",
    "More details are expected in the coming days.",
    "{town} is home to about {pop} people.",
    "{town}, which has a population of about {pop}, lies in the {compass} of {region}.",
)

NUMBERS = "two three four five six seven eight nine ten 12 15 20 25 30 40 50 100 200".split()

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
SMALL = "zero one two three four five six seven eight nine ten eleven twelve".split()

# ---------------------------------------------------------------------------------------
# Topic templates. Slots come from the story; every fact has three phrasings so that
# independent reports of one story (different "styles") say the same thing differently.
# ---------------------------------------------------------------------------------------

TOPICS: dict[str, dict[str, Any]] = {}

TOPICS["fire"] = {
    "weight": 9,
    "headlines": (
        "Fire destroys {facility} in {town}",
        "{crews} fire crews battle blaze at {company} {facility}",
        "Huge fire at {town} {facility} forces residents from homes",
        "{town} {facility} fire: investigators examine {cause_short}",
        "Smoke closes streets as {facility} burns in {town}",
        "Blaze guts {company} site on {street}",
    ),
    "leads": (
        "A fire tore through a {facility} owned by {company} in {town} on {weekday}, forcing the "
        "evacuation of about {evacuated} people from nearby homes.",
        "Firefighters spent {hours} hours bringing a blaze under control at the {company} "
        "{facility} on {street} in {town} on {weekday}.",
        "More than {firefighters} firefighters were called to {street} in {town} on {weekday} "
        "after fire broke out at a {facility} run by {company}.",
        "A large fire destroyed much of a {facility} in {town} on {weekday}, sending a column of "
        "black smoke over the {region} town.",
    ),
    "facts": (
        (
            "At the height of the blaze, {crews} fire engines and about {firefighters} "
            "firefighters were at the scene.",
            "The {service} sent {crews} crews, with around {firefighters} firefighters tackling "
            "the flames.",
            "About {firefighters} firefighters from {crews} stations were needed to fight the fire.",
        ),
        (
            "{injured_people} were treated in hospital for smoke inhalation.",
            "Paramedics took {injured_people} to hospital, mostly with breathing problems caused by "
            "the smoke.",
            "The ambulance service said it had treated {injured_people} at the scene and in hospital.",
        ),
        (
            "No deaths have been reported.",
            "Nobody was killed in the fire, officials said.",
            "There were no reports of anyone being killed.",
        ),
        (
            "Police evacuated about {evacuated} residents from streets around the site as a "
            "precaution.",
            "Around {evacuated} people living nearby were told to leave their homes while the fire "
            "burned.",
            "The evacuation affected roughly {evacuated} residents, many of whom spent the night with "
            "relatives or in a school hall.",
        ),
        (
            "The fire was brought under control after {hours} hours, though crews stayed overnight "
            "to damp down hot spots.",
            "It took firefighters {hours} hours to contain the flames.",
            "Crews declared the fire under control {hours} hours after the first call.",
        ),
        (
            "Investigators believe the fire may have been caused by {cause}, although they have not "
            "ruled out other explanations.",
            "The cause of the fire is under investigation, but early inquiries point to {cause}.",
            "Fire officers said {cause} was being examined as a possible cause.",
        ),
        (
            "A plume of smoke could be seen from {smoke_km} kilometres away, and residents were told "
            "to keep windows and doors shut.",
            "People as far as {smoke_km} kilometres away reported smelling smoke, and health "
            "officials advised them to stay indoors.",
            "The smoke drifted across {town} for much of the day, and people within {smoke_km} "
            "kilometres were asked to close their windows.",
        ),
        (
            "The company estimated the damage at {damage}.",
            "Early estimates put the cost of the damage at around {damage}, {company} said.",
            "Insurers are expected to face claims of about {damage}.",
        ),
        (
            "{company} said all of its staff had been accounted for and that it was cooperating "
            "with the authorities.",
            "In a statement, {company} said its employees were safe and thanked the emergency "
            "services.",
            "The owner, {company}, said no staff had been inside the building when the fire started.",
        ),
        (
            "{street} remained closed on {weekday} evening, and drivers were advised to find other "
            "routes.",
            "Police closed {street} and several neighbouring roads to traffic.",
            "Roads around {street} were sealed off for most of the day.",
        ),
        (
            "{company} employs about {staff} people at the site, which opened in {opened}.",
            "The site, opened in {opened}, is one of the larger employers in {town}, with around "
            "{staff} workers.",
            "Around {staff} people work at the {facility}, according to the company.",
        ),
        (
            "{chief}, the chief fire officer, praised the crews for stopping the fire from spreading "
            "to nearby houses.",
            "Chief fire officer {chief} said crews had kept the flames away from neighbouring "
            "buildings.",
            "According to {chief}, the quick response stopped the fire from spreading.",
        ),
    ),
    "quotes": (
        (
            "chief",
            "This was a very difficult fire to fight, and the crews did an outstanding job "
            "in dangerous conditions",
        ),
        ("chief", "We would ask people to stay away from the area while we make the site safe"),
        (
            "chief",
            "It is too early to say what caused the fire, and we will be working with the "
            "police to find out",
        ),
        (
            "owner",
            "Our first thought is for our staff and our neighbours, and we are grateful that "
            "nobody was more seriously hurt",
        ),
        (
            "owner",
            "We will do everything we can to get the site working again as quickly as possible",
        ),
        ("witness", "There was a loud bang and then the whole roof was on fire"),
        ("witness", "The smoke was so thick you could not see the end of the street"),
    ),
}

TOPICS["storm"] = {
    "weight": 7,
    "headlines": (
        "{storm} batters {region} with winds of up to {wind} km/h",
        "{storm} kills {killed_people} and cuts power to {homes_off} homes",
        "Flooding and power cuts as {storm} hits {town}",
        "{storm} leaves trail of damage across {region}",
        "{region} counts cost of {storm}",
        "Thousands without power in {town} after {storm}",
    ),
    "leads": (
        "{storm} swept across {region} on {weekday}, bringing winds of up to {wind} kilometres an "
        "hour and leaving {homes_off} homes without power.",
        "{storm} killed {killed_people} in {region} on {weekday}, toppling trees and flooding roads "
        "in and around {town}.",
        "Heavy rain and winds of up to {wind} km/h hit {town} and much of {region} on {weekday} as "
        "{storm} moved inland.",
        "Emergency services in {region} worked through {weekday} night after {storm} brought down "
        "power lines and flooded streets in {town}.",
    ),
    "facts": (
        (
            "Officials confirmed that {killed_people} had died, including a motorist struck by a "
            "falling tree near {town2}.",
            "The storm claimed {killed_people}, according to the {emergency_org}.",
            "Among the dead was a driver whose car was hit by a tree on a road outside {town2}, "
            "police said.",
        ),
        (
            "At the peak of the storm, {homes_off} homes and businesses were without electricity, "
            "{utility} said.",
            "{utility} said its engineers were working to restore supplies to {homes_off} customers.",
            "Power was cut to about {homes_off} properties across the region.",
        ),
        (
            "Some areas recorded {rain} millimetres of rain in 24 hours, the {agency} said.",
            "The {agency} measured {rain} mm of rainfall in parts of {region}, more than a month's "
            "average in a single day.",
            "Rain gauges near {town} showed {rain} millimetres by {weekday} evening.",
        ),
        (
            "The {agency} had issued a {warning} warning for wind, its highest level, ahead of the "
            "storm.",
            "A {warning} weather warning remained in place for much of {region} until late on "
            "{weekday}.",
            "Forecasters kept a {warning} alert in force, warning of danger to life from flying "
            "debris.",
        ),
        (
            "More than {roads} roads were closed by fallen trees and flooding.",
            "Police said {roads} roads had been blocked, and drivers were urged not to travel unless "
            "necessary.",
            "Flooding and debris closed {roads} roads across the region.",
        ),
        (
            "At the regional airport, {flights} flights were cancelled or delayed.",
            "Airlines cancelled {flights} flights, leaving passengers stranded.",
            "{flights} flights were grounded as the winds peaked.",
        ),
        (
            "Around {schools} schools stayed closed on {weekday}.",
            "Education officials ordered {schools} schools to shut for the day.",
            "Parents were told that {schools} schools would not open.",
        ),
        (
            "Roofs were torn off houses in {town}, and the fire service answered more than {calls} "
            "calls.",
            "Firefighters responded to {calls} calls, mostly about fallen trees and damaged roofs.",
            "The emergency services received over {calls} calls for help during the night.",
        ),
        (
            "{injured} people were treated for injuries, most of them minor.",
            "Hospitals treated {injured} people hurt in the storm.",
            "Paramedics said they had dealt with {injured} injuries linked to the weather.",
        ),
        (
            "The storm is expected to weaken as it moves north on {nextday}.",
            "Forecasters said conditions would ease by {nextday}, though more rain is likely.",
            "The worst of the weather was expected to pass by {nextday} morning.",
        ),
        (
            "Crews began clearing debris on {nextday}, and the regional government promised "
            "emergency funds for repairs.",
            "The regional government said it would release emergency funding to help with the "
            "clean-up.",
            "Clean-up work began as soon as the winds dropped, officials said.",
        ),
        (
            "It was the strongest storm to hit {region} since {hist_year}.",
            "Meteorologists said winds of this strength had not been recorded in the region since "
            "{hist_year}.",
            "Older residents compared it with the great storm of {hist_year}.",
        ),
    ),
    "quotes": (
        (
            "official",
            "Our priority tonight is to keep people safe, so please stay at home unless "
            "your journey is essential",
        ),
        (
            "official",
            "This has been one of the most serious weather events we have dealt with in years",
        ),
        (
            "utility_boss",
            "Our teams will work around the clock, but some customers may be without "
            "power for several days",
        ),
        (
            "witness",
            "The wind was howling all night and then we heard the tree come down on the car",
        ),
        ("witness", "Half of the street has lost roof tiles and nobody has power"),
        (
            "forecaster",
            "The storm is moving quickly, but the next twelve hours will be very dangerous",
        ),
    ),
}

TOPICS["election"] = {
    "weight": 8,
    "headlines": (
        "{winner} wins race for {office}",
        "{winner} elected {office} with {win_pct}% of the vote",
        "{electorate} elects {winner} as {office_title}",
        "{loser} concedes as {winner} takes {office}",
        "Turnout of {turnout}% as {electorate} chooses new {office_title}",
        "{winner_party_short} candidate {winner} wins in {electorate}",
    ),
    "leads": (
        "{winner} of {winner_party} won the race for {office} on {weekday}, taking {win_pct} per "
        "cent of the vote, according to official results.",
        "Voters in {electorate} elected {winner} as {office_title} on {weekday}, ending a closely "
        "watched campaign against {loser} of {loser_party}.",
        "{loser} conceded defeat on {weekday} night after official figures showed {winner} winning "
        "the race for {office} with {win_pct}% of the vote.",
        "{winner_party} candidate {winner} will be the next {office_title} of {electorate} after a "
        "vote on {weekday}.",
    ),
    "facts": (
        (
            "{loser} of {loser_party} finished second with {lose_pct} per cent.",
            "The runner-up, {loser}, took {lose_pct}% of the vote.",
            "Official results gave {loser} {lose_pct} per cent.",
        ),
        (
            "The margin of victory was {margin} votes.",
            "{winner_last} finished {margin} votes ahead of the nearest rival.",
            "About {margin} votes separated the two leading candidates.",
        ),
        (
            "Turnout was {turnout} per cent, the {commission} said.",
            "The {commission} put turnout at {turnout}%, {turnout_cmp} than at the last election.",
            "Some {voters} people voted, a turnout of {turnout} per cent.",
        ),
        (
            "{third}, standing for {third_party}, came third with {third_pct} per cent.",
            "In third place was {third} of {third_party}, on {third_pct}%.",
            "{third_party} candidate {third} trailed in third with {third_pct} per cent.",
        ),
        (
            "The campaign was dominated by {issue}.",
            "Exit polls suggested that {issue} was the main concern for many voters.",
            "Both leading candidates had promised to tackle {issue}.",
        ),
        (
            "{winner_last}, {winner_age}, previously worked as {winner_job}.",
            "Before entering politics, {winner_last} worked as {winner_job}.",
            "The {winner_age}-year-old {winner_last} spent years working as {winner_job}.",
        ),
        (
            "{winner_last} will take office on {start_date}.",
            "The new {office_title} is due to be sworn in on {start_date}.",
            "{winner_last}'s term begins on {start_date}.",
        ),
        (
            "During the campaign {winner_last} promised {promise}.",
            "{winner_last} has pledged {promise}.",
            "The centrepiece of {winner_last}'s platform was a pledge of {promise}.",
        ),
        (
            "{winner_last} replaces {predecessor}, who did not stand again after {terms} terms.",
            "The outgoing {office_title}, {predecessor}, stepped down after {terms} terms.",
            "{predecessor}, who held the post for {terms} terms, had decided not to seek "
            "re-election.",
        ),
        (
            "Counting went on through the night at {count_venue}.",
            "Votes were counted at {count_venue}, where the result was announced shortly after "
            "{hour} a.m.",
            "The count at {count_venue} finished in the early hours.",
        ),
        (
            "The {commission} said it had received {complaints} complaints, none serious enough to "
            "affect the result.",
            "Observers reported {complaints} minor irregularities.",
            "{complaints} formal complaints were lodged, the commission said.",
        ),
        (
            "{loser_last} congratulated the winner and said the party would review its campaign.",
            "In a short speech to supporters, {loser_last} accepted the result.",
            "{loser_last} told supporters the party would learn from the defeat.",
        ),
    ),
    "quotes": (
        (
            "winner",
            "Tonight the people of {electorate} voted for change, and I will not let them down",
        ),
        ("winner", "My first job is to bring everyone together after a hard campaign"),
        (
            "winner",
            "We ran a campaign about {issue}, and that is what we will focus on from day one",
        ),
        ("loser", "The voters have spoken and I respect their decision"),
        (
            "loser",
            "We fought a positive campaign and I am proud of every volunteer who worked with us",
        ),
        ("analyst", "This result shows how much {issue} mattered to ordinary voters"),
    ),
}

TOPICS["earnings"] = {
    "weight": 9,
    "headlines": (
        "{company} quarterly profit {profit_dir} {profit_pct}%",
        "{company} shares {share_dir} after {quarter}-quarter results",
        "{company} {guidance_verb} outlook as revenue reaches {revenue}",
        "{town}-based {company} reports {quarter}-quarter profit of {profit}",
        "{company} results: revenue {rev_dir} to {revenue}",
        "{sector_cap} {company} {beat_missed} forecasts",
    ),
    "leads": (
        "{company}, the {town}-based {sector}, said on {weekday} that its {quarter}-quarter net "
        "profit {profit_dir} {profit_pct} per cent to {profit}.",
        "Shares in {company} {share_dir} {share_pct}% on {weekday} after the {sector} reported "
        "{quarter}-quarter revenue of {revenue}.",
        "{company} reported revenue of {revenue} for the {quarter} quarter on {weekday}, as the "
        "{sector} {guidance_verb} its forecast for the year.",
        "The {sector} {company} posted a net profit of {profit} for the {quarter} quarter, it said "
        "on {weekday}.",
    ),
    "facts": (
        (
            "Revenue {rev_dir} {rev_pct} per cent to {revenue}.",
            "Sales for the quarter came to {revenue}, {rev_dir_adv} {rev_pct}% on a year earlier.",
            "Quarterly revenue of {revenue} was {rev_pct} per cent {rev_cmp} than a year ago.",
        ),
        (
            "Analysts had expected revenue of {expected}.",
            "The figures {beat_missed} analysts' forecasts of {expected}.",
            "Analysts polled by {poll_firm} had forecast {expected}.",
        ),
        (
            "The company {guidance_verb} its full-year profit forecast, citing {reason}.",
            "{company} {guidance_verb} its outlook for the year because of {reason}.",
            "Citing {reason}, the {sector} {guidance_verb} its guidance.",
        ),
        (
            "Its shares {share_dir} {share_pct} per cent in morning trading.",
            "The stock {share_dir} {share_pct}% by midday.",
            "Investors sent the shares {share_dir_adv} {share_pct} per cent.",
        ),
        (
            "The company said it would {jobs_action} {jobs} jobs over the next year.",
            "{company} plans to {jobs_action} about {jobs} jobs.",
            "About {jobs} jobs will be affected as the company plans to {jobs_action} positions.",
        ),
        (
            "The board proposed a dividend of {dividend} cents a share.",
            "Shareholders will receive a dividend of {dividend} cents.",
            "{company} set its dividend at {dividend} cents per share.",
        ),
        (
            "Its {segment} business performed best, with sales up {seg_pct} per cent.",
            "Sales in the {segment} division rose {seg_pct}%.",
            "The strongest growth came from {segment}, up {seg_pct} per cent.",
        ),
        (
            "Higher {cost_item} costs weighed on margins.",
            "The company blamed rising {cost_item} costs for pressure on its margins.",
            "Margins were squeezed by the cost of {cost_item}.",
        ),
        (
            "{company} employs about {employees} people and is based in {town}.",
            "The {town} company has around {employees} employees.",
            "Based in {town}, the group employs some {employees} staff.",
        ),
        (
            "{ceo_last} became chief executive in {ceo_year}.",
            "{ceo}, chief executive since {ceo_year}, has been cutting costs.",
            "The company has been run by {ceo} since {ceo_year}.",
        ),
        (
            "Net debt stood at {debt} at the end of the quarter.",
            "The company's net debt was {debt}.",
            "{company} reported net debt of {debt}.",
        ),
        (
            "The company will publish its next results on {next_date}.",
            "Its next trading update is due on {next_date}.",
            "{company} reports again on {next_date}.",
        ),
    ),
    "quotes": (
        (
            "ceo",
            "This was a solid quarter in a difficult market, and we are confident about the "
            "rest of the year",
        ),
        ("ceo", "We are investing in {segment} because that is where our customers are going"),
        ("cfo", "We remain disciplined on costs while continuing to invest"),
        (
            "analyst",
            "The numbers were better than feared, but the outlook is what investors will focus on",
        ),
        ("analyst", "{company} still has work to do on margins"),
    ),
}

TOPICS["strike"] = {
    "weight": 7,
    "headlines": (
        "{trade_cap} in {town} walk out over pay",
        "{workers} {trade} strike as talks with {employer} fail",
        "Strike by {trade} to disrupt {service} for {days} days",
        "Pay dispute: {trade} at {employer} begin strike",
        "{union_short} members strike at {employer}",
        "{town} hit by {trade} strike",
    ),
    "leads": (
        "About {workers} {trade} employed by {employer} in {town} went on strike on {weekday} in a "
        "dispute over pay.",
        "{trade_cap} at {employer} began a {days}-day strike on {weekday} after talks over a new pay "
        "deal broke down.",
        "A strike by {workers} members of {union} disrupted {service} in {town} on {weekday}.",
        "{service_cap} in {town} was severely disrupted on {weekday} as {trade} walked out over pay.",
    ),
    "facts": (
        (
            "The union is demanding a pay rise of {demand} per cent.",
            "{union} wants a {demand}% increase for its members.",
            "Members are seeking a rise of {demand} per cent.",
        ),
        (
            "{employer} has offered {offer} per cent, which the union rejected as inadequate.",
            "The employer's offer of {offer}% was turned down.",
            "Union members rejected an offer worth {offer} per cent.",
        ),
        (
            "Members voted for action by {ballot} per cent in a ballot last month.",
            "In last month's ballot, {ballot}% of those voting backed a strike.",
            "The strike was supported by {ballot} per cent of members who took part in the ballot.",
        ),
        (
            "Only a limited {service} was running, and managers warned of long delays.",
            "{service_cap} was reduced to a skeleton timetable.",
            "Managers said {service} would run at a fraction of its usual level.",
        ),
        (
            "The strike is due to last {days} days.",
            "The walkout is planned to run for {days} days.",
            "Action is scheduled to continue for {days} days.",
        ),
        (
            "Talks brokered by {mediator} ended without agreement on {prev_weekday}.",
            "Last-minute talks at {mediator} broke down on {prev_weekday}.",
            "Negotiations through {mediator} failed on {prev_weekday}.",
        ),
        (
            "The union says wages have fallen behind inflation, which reached {inflation} per cent "
            "last year.",
            "With inflation at {inflation}% last year, the union says pay has fallen in real terms.",
            "Inflation of {inflation} per cent has eroded wages, the union argues.",
        ),
        (
            "Pickets gathered outside {picket_site} from early morning.",
            "Dozens of workers formed a picket line at {picket_site}.",
            "Striking staff held a rally outside {picket_site}.",
        ),
        (
            "{employer} said it had contingency plans to keep essential services running.",
            "The employer said contingency plans were in place.",
            "Managers said they would use contingency plans to limit the disruption.",
        ),
        (
            "It is the {nth} strike in the dispute since {start_month}.",
            "The dispute began in {start_month}, and this is the {nth} walkout.",
            "Workers have now walked out {nth_times} since {start_month}.",
        ),
        (
            "The employer says meeting the demand would cost {cost} a year.",
            "{employer} estimates the union's claim would add {cost} a year to its wage bill.",
            "According to {employer}, the demand would cost {cost} annually.",
        ),
        (
            "The union has threatened further action if no improved offer is made by {deadline}.",
            "More strikes could follow if there is no new offer by {deadline}, the union said.",
            "{union_short} said it would announce new dates unless an offer arrived by {deadline}.",
        ),
    ),
    "quotes": (
        (
            "leader",
            "Our members have not taken this decision lightly, but they have been left with "
            "no choice",
        ),
        ("leader", "{employer} can end this dispute tomorrow by making a fair offer"),
        (
            "spokesperson",
            "We have made a fair and affordable offer and we urge the union to return to talks",
        ),
        ("spokesperson", "We apologise to the public for the disruption"),
        ("worker", "I love my job but I cannot pay my rent on what I earn"),
    ),
}

TOPICS["court"] = {
    "weight": 7,
    "headlines": (
        "Court fines {defendant} {fine} over {offence}",
        "{defendant} loses case over {offence}",
        "Judge rules against {defendant} in {offence} case",
        "{claimant_cap} win case against {defendant}",
        "{defendant} to appeal after {court_short} ruling",
        "{fine} penalty for {defendant} over {offence}",
    ),
    "leads": (
        "{court_cap} on {weekday} ordered {defendant} to pay {fine} after finding it responsible "
        "for {offence}.",
        "A judge in {town} ruled on {weekday} that {defendant} had broken the law over {offence}, "
        "in a case brought by {claimant}.",
        "{defendant} was fined {fine} on {weekday} by {court} over {offence}.",
        "{claimant_cap} won their case against {defendant} on {weekday}, when {court} found the "
        "company liable for {offence}.",
    ),
    "facts": (
        (
            "Judge {judge} said the company had shown a serious disregard for its obligations.",
            "In her ruling, Judge {judge} described the company's conduct as reckless.",
            "Judge {judge} found that the company had ignored repeated warnings.",
        ),
        (
            "The case was brought by {claimant}, who had argued that {harm}.",
            "{claimant_cap} told the court that {harm}.",
            "According to {claimant}, {harm}.",
        ),
        (
            "The hearing lasted {weeks} weeks and heard evidence from {witnesses} witnesses.",
            "Over {weeks} weeks, the court heard from {witnesses} witnesses.",
            "{witnesses} witnesses gave evidence during the {weeks}-week trial.",
        ),
        (
            "{defendant} has {appeal_days} days to lodge an appeal.",
            "The company can appeal within {appeal_days} days.",
            "An appeal must be filed within {appeal_days} days, the court said.",
        ),
        (
            "The company's lawyer, {def_lawyer}, said it was considering an appeal.",
            "{def_lawyer}, representing the company, said the ruling would be studied carefully.",
            "Lawyers for {defendant}, led by {def_lawyer}, said they were disappointed.",
        ),
        (
            "The court also ordered {defendant} to pay {costs} in legal costs.",
            "Legal costs of {costs} were awarded against the company.",
            "On top of the fine, the company must cover {costs} in costs.",
        ),
        (
            "The case centred on events at the company's site in {town} between {year_from} and "
            "{year_to}.",
            "The breaches took place at its {town} site from {year_from} to {year_to}, the court "
            "found.",
            "Evidence related to the period between {year_from} and {year_to}.",
        ),
        (
            "It is one of the largest penalties ever imposed under {law}.",
            "The fine is among the biggest handed down under {law}.",
            "Few companies have been fined as heavily under {law}.",
        ),
        (
            "{regulator} said the ruling sent a clear message to the industry.",
            "The regulator, {regulator}, welcomed the decision.",
            "{regulator}, which investigated the case, said it would monitor the company closely.",
        ),
        (
            "{defendant} said it had already spent {spent} on improvements since the problems came "
            "to light.",
            "The company told the court it had invested {spent} in changes since {year_to}.",
            "According to its lawyers, the company has spent {spent} putting things right.",
        ),
        (
            "The claimants were represented by {cl_lawyer} of {law_firm}.",
            "{cl_lawyer}, a lawyer at {law_firm}, acted for the claimants.",
            "{law_firm} handled the case for the claimants, with {cl_lawyer} leading.",
        ),
        (
            "The ruling could open the way for claims by {others} other households.",
            "Lawyers said {others} more households might now seek compensation.",
            "A further {others} households are expected to bring similar claims.",
        ),
    ),
    "quotes": (
        (
            "judge",
            "The company put its own convenience ahead of the safety of the people who lived "
            "beside it",
        ),
        ("cl_lawyer", "This is a victory for ordinary people who refused to be ignored"),
        ("cl_lawyer", "Our clients waited years for this day"),
        (
            "spokesperson",
            "We respect the court but we disagree with parts of its judgment and will "
            "consider our options",
        ),
        ("resident", "For years nobody listened to us, and now a judge has"),
    ),
}

TOPICS["transfer"] = {
    "weight": 6,
    "headlines": (
        "{to_club} sign {player} from {from_club} for {fee}",
        "{player} completes {fee} move to {to_club}",
        "{to_club} break transfer record to sign {position} {player}",
        "{player} joins {to_club} on {years}-year deal",
        "{from_club} sell {player} to {to_club}",
        "{manager_last} lands {player} as {to_club} strengthen squad",
    ),
    "leads": (
        "{to_club} have signed {position} {player} from {from_club} for a fee of {fee}, the club "
        "said on {weekday}.",
        "{player} completed a move from {from_club} to {to_club} on {weekday}, signing a "
        "{years}-year contract.",
        "{from_club} have agreed to sell {player} to {to_club} for {fee}, ending weeks of "
        "speculation, the clubs confirmed on {weekday}.",
        "The {age}-year-old {position} {player} became {to_club}'s most expensive signing on "
        "{weekday}.",
    ),
    "facts": (
        (
            "{player_last}, {age}, scored {goals} goals in {apps} appearances last season.",
            "Last season {player_last} scored {goals} times in {apps} games.",
            "The {position} managed {goals} goals from {apps} matches last season.",
        ),
        (
            "The fee could rise to {fee_max} with add-ons.",
            "Add-ons could take the total to {fee_max}.",
            "With bonuses, the deal may be worth up to {fee_max}.",
        ),
        (
            "{player_last} has signed a contract until {contract_end}.",
            "The deal runs until {contract_end}.",
            "{player_last} is contracted to the club until {contract_end}.",
        ),
        (
            "{from_club} will receive {sell_on} per cent of any future sale.",
            "The agreement includes a {sell_on}% sell-on clause.",
            "A sell-on clause of {sell_on} per cent was included.",
        ),
        (
            "The previous club record was {old_record}, paid for {old_player} in {old_year}.",
            "It beats the {old_record} the club paid for {old_player} in {old_year}.",
            "{to_club}'s previous record was the {old_record} spent on {old_player} in {old_year}.",
        ),
        (
            "{player_last} will wear the number {shirt} shirt.",
            "The new signing takes the number {shirt}.",
            "{player_last} has been given the number {shirt}.",
        ),
        (
            "{player_last} joined {from_club} from their academy at the age of {academy_age}.",
            "A product of the {from_club} academy, {player_last} joined them at {academy_age}.",
            "{player_last} had been at {from_club} since the age of {academy_age}.",
        ),
        (
            "{to_club} finished {position_league} in {league} last season.",
            "Last season {to_club} came {position_league} in {league}.",
            "The club ended last season {position_league} in {league}.",
        ),
        (
            "{player_last} could make a debut against {next_opponent} on {next_day}.",
            "The first chance to play will come against {next_opponent} on {next_day}.",
            "{to_club} face {next_opponent} on {next_day}, when {player_last} may feature.",
        ),
        (
            "The transfer window closes on {window_close}.",
            "Clubs have until {window_close} to complete deals.",
            "The deal was completed with the window due to close on {window_close}.",
        ),
        (
            "{player_last} passed a medical in {town} on {prev_weekday}.",
            "A medical was completed on {prev_weekday}.",
            "The player underwent a medical in {town} on {prev_weekday}.",
        ),
    ),
    "quotes": (
        ("manager", "{player_last} is exactly the kind of player we have been looking for"),
        (
            "manager",
            "We have followed {player_last} for a long time and we are delighted to get "
            "the deal done",
        ),
        ("player", "This is a huge club and I cannot wait to play in front of these fans"),
        ("player", "I want to thank everyone at {from_club} for everything they have done for me"),
        ("from_chair", "It was an offer we could not refuse, and we wish {player_last} well"),
    ),
}

TOPICS["health"] = {
    "weight": 6,
    "headlines": (
        "{factor_cap} linked to {effect_pct}% {direction} risk of {condition}, study finds",
        "Study of {participants} people links {factor} to {condition}",
        "{uni_short} researchers find {factor} may affect {condition} risk",
        "{condition_cap} risk {effect_verb} by {factor}, researchers say",
        "New study on {condition} and {factor} published in {journal}",
        "{factor_cap} and {condition}: what the {university} study found",
    ),
    "leads": (
        "{factor_cap} is linked to a {effect_pct} per cent {direction} risk of {condition}, "
        "according to a study of {participants} adults published on {weekday}.",
        "Researchers at {university} have found that {factor} may {effect_verb_base} the risk of "
        "{condition} by about {effect_pct}%.",
        "A study of {participants} people followed for {years} years suggests that {factor} is "
        "associated with a {direction} chance of developing {condition}.",
        "People who report {factor} are {effect_pct}% {more_less} likely to develop {condition}, a "
        "study published in {journal} on {weekday} found.",
    ),
    "facts": (
        (
            "The study followed {participants} adults aged {age_from} to {age_to} for {years} years.",
            "Participants, aged between {age_from} and {age_to}, were tracked for {years} years.",
            "Researchers tracked {participants} people aged {age_from}-{age_to} over {years} years.",
        ),
        (
            "During that time, {cases} participants developed {condition}.",
            "In all, {cases} cases of {condition} were recorded.",
            "Some {cases} people in the study were diagnosed with {condition}.",
        ),
        (
            "The findings were published in {journal}.",
            "The results appear in {journal}.",
            "{journal} published the paper on {weekday}.",
        ),
        (
            "The research was led by {author}, a professor of {field} at {university}.",
            "Professor {author} of {university} led the team.",
            "{author}, who studies {field} at {university}, was the lead author.",
        ),
        (
            "The researchers took account of age, income, smoking and weight.",
            "The analysis adjusted for factors such as age, smoking and income.",
            "Results held after accounting for smoking, weight and other factors.",
        ),
        (
            "The study was observational, so it cannot prove cause and effect.",
            "Because the study was observational, it does not show that {factor} causes the "
            "difference.",
            "The authors cautioned that the design of the study cannot establish causation.",
        ),
        (
            "It was funded by {funder}.",
            "{funder} paid for the research.",
            "Funding came from {funder}.",
        ),
        (
            "Data came from {sites} clinics across {region}.",
            "Participants were recruited through {sites} clinics in {region}.",
            "The study drew on records from {sites} clinics in {region}.",
        ),
        (
            "About {share_factor} per cent of participants reported {factor}.",
            "Roughly {share_factor}% of those studied said they had {factor_have}.",
            "{share_factor} per cent of the group fell into the {factor} category.",
        ),
        (
            "The team now plans a trial involving {trial_n} volunteers.",
            "A follow-up trial with {trial_n} people is planned.",
            "Next, the researchers hope to test the idea in a trial of {trial_n} volunteers.",
        ),
        (
            "{condition_cap} affects around {prevalence} per cent of adults in {region}.",
            "About {prevalence}% of adults in the region live with {condition}.",
            "In {region}, roughly {prevalence} per cent of adults have {condition}.",
        ),
    ),
    "quotes": (
        (
            "author",
            "Our results suggest that small changes in daily habits could make a real difference",
        ),
        ("author", "We were surprised by how consistent the link was across different groups"),
        ("expert", "This is a large and careful study, but it does not prove cause and effect"),
        ("expert", "People should not change their lives on the basis of one study"),
        ("charity", "These findings add to a growing body of evidence about {condition}"),
    ),
}

TOPICS["crime"] = {
    "weight": 9,
    "headlines": (
        "{arrested_people} arrested after {crime} in {town}",
        "Police hunt suspects after {crime} on {street}",
        "{loot_cap} worth {value} taken in {town} {crime}",
        "{crime_cap} in {town}: detectives appeal for witnesses",
        "{police} charge {arrested_people} over {crime}",
        "Masked gang carries out {crime} in {town}",
    ),
    "leads": (
        "Police in {town} arrested {arrested_people} on {weekday} after {crime} on {street} in which "
        "{loot} worth about {value} was taken.",
        "Detectives are appealing for witnesses after {crime} at {target} on {street} in {town} "
        "late on {weekday}.",
        "A gang of {gang} people carried out {crime} at {target} in {town} on {weekday}, escaping "
        "with {loot} worth {value}, police said.",
        "{police} said on {weekday} that {arrested_people} had been detained following {crime} in "
        "{town}.",
    ),
    "facts": (
        (
            "The raid happened shortly after {hour} p.m., when {target} was about to close.",
            "Police were called at about {hour} p.m.",
            "Staff raised the alarm just after {hour} p.m.",
        ),
        (
            "The suspects, aged {age1} and {age2}, are being held at {station}.",
            "Two of those arrested, aged {age1} and {age2}, remain in custody at {station}.",
            "Officers are questioning suspects aged {age1} and {age2} at {station}.",
        ),
        (
            "Detective Inspector {detective} is leading the investigation.",
            "The inquiry is being led by Detective Inspector {detective}.",
            "{detective}, a detective inspector with {police}, is in charge of the case.",
        ),
        (
            "{injured_staff} was treated for minor injuries.",
            "{injured_staff} was hurt but did not need hospital treatment.",
            "Paramedics treated {injured_staff} at the scene.",
        ),
        (
            "The gang fled in a {car_colour} car that was later found abandoned in {town2}.",
            "A {car_colour} car used in the getaway was found burned out in {town2}.",
            "Officers recovered a {car_colour} car in {town2} that they believe was used by the "
            "gang.",
        ),
        (
            "Police are examining footage from {cameras} security cameras.",
            "Detectives are studying images from {cameras} cameras in the area.",
            "Footage from {cameras} cameras is being reviewed.",
        ),
        (
            "Anyone with information is asked to call {police} quoting reference {ref}.",
            "Witnesses should contact {police} and quote crime number {ref}.",
            "The force has set up a line for witnesses, with reference {ref}.",
        ),
        (
            "It is the {nth} similar incident in {region} this year.",
            "There have been {nth_count} similar raids in the region since January.",
            "Police say this is the {nth} such crime in {region} in the past twelve months.",
        ),
        (
            "A reward of {reward} has been offered for information leading to a conviction.",
            "{target_owner} has offered a {reward} reward.",
            "The owners have put up a reward of {reward}.",
        ),
        (
            "{street} was closed for several hours while forensic officers examined the scene.",
            "Forensic teams worked at the scene on {street} until late in the evening.",
            "Part of {street} was sealed off as officers searched for evidence.",
        ),
        (
            "The suspects are expected to appear before magistrates in {town} on {court_day}.",
            "They are due in court on {court_day}.",
            "A court appearance is scheduled for {court_day}.",
        ),
    ),
    "quotes": (
        (
            "detective",
            "This was a planned and frightening attack on people who were simply doing their jobs",
        ),
        ("detective", "Someone will know who was involved, and I would urge them to come forward"),
        ("owner", "My staff are shaken but thankfully nobody was badly hurt"),
        ("witness", "I heard shouting and then saw them run to the car with bags"),
        ("official", "There will be extra patrols in the area over the coming days"),
    ),
}

TOPICS["policy"] = {
    "weight": 9,
    "headlines": (
        "{body_cap} unveils {budget} {area} plan",
        "{minister_last} announces {programme} to deliver {target}",
        "{target_cap} promised under new {area} plan for {place}",
        "{place}: {budget} for {area} as {programme} is launched",
        "{programme} criticised by {critic_party}",
        "New {area} plan for {place} to cost {budget}",
    ),
    "leads": (
        "{body_cap} announced a {budget} plan on {weekday} to deliver {target} in {place} by "
        "{target_year}.",
        "{minister}, the {minister_role}, set out {programme} on {weekday}, promising {target} by "
        "{target_year}.",
        "{place} will get {target} under {programme}, a {budget} scheme announced by {body} on "
        "{weekday}.",
        "{body_cap} on {weekday} launched {programme}, its flagship {area} policy, at a cost of "
        "{budget}.",
    ),
    "facts": (
        (
            "The plan will be funded by {funding_source}.",
            "Money for the scheme will come from {funding_source}.",
            "{body_cap} said the cost would be met by {funding_source}.",
        ),
        (
            "A public consultation will run for {consult_weeks} weeks from {consult_start}.",
            "Residents have {consult_weeks} weeks to comment, starting in {consult_start}.",
            "The proposals go out to consultation in {consult_start} for {consult_weeks} weeks.",
        ),
        (
            "Officials estimate the programme will create {jobs} jobs.",
            "About {jobs} jobs are expected to be created.",
            "The scheme should support {jobs} jobs, according to official estimates.",
        ),
        (
            "{critic}, {critic_role} for {critic_party}, said the plan was {critique}.",
            "{critic_party} called the programme {critique}.",
            "Opposition politicians, led by {critic}, described the proposals as {critique}.",
        ),
        (
            "The first projects are due to start in {first_start}.",
            "Work on the first phase is expected to begin in {first_start}.",
            "Construction could start as early as {first_start}.",
        ),
        (
            "{place} has {problem}.",
            "According to official figures, {place} has {problem}.",
            "The announcement follows figures showing that {place} has {problem}.",
        ),
        (
            "{minister_last} has been {minister_role} since {minister_since}.",
            "{minister}, in the post since {minister_since}, has made {area} a priority.",
            "Since becoming {minister_role} in {minister_since}, {minister_last} has promised "
            "change on {area}.",
        ),
        (
            "The previous plan, launched in {prev_year}, delivered only {prev_share} per cent of its "
            "target.",
            "An earlier scheme from {prev_year} met just {prev_share}% of its goals.",
            "Critics point out that the {prev_year} plan achieved only {prev_share} per cent of what "
            "was promised.",
        ),
        (
            "{body_cap} will publish progress reports every {report_months} months.",
            "Progress will be reviewed every {report_months} months.",
            "Officials promised updates on delivery every {report_months} months.",
        ),
        (
            "Business groups broadly welcomed the announcement.",
            "The {chamber} welcomed the plan.",
            "Employers' groups, including the {chamber}, backed the proposals.",
        ),
        (
            "The measures need approval from {assembly} before they take effect.",
            "{assembly_cap} must vote on the plan.",
            "The programme still has to be approved by {assembly}.",
        ),
    ),
    "quotes": (
        (
            "minister",
            "This is the biggest investment in {area} that {place} has seen in a generation",
        ),
        ("minister", "People have waited too long, and this plan will deliver real change"),
        ("critic", "We have heard these promises before and the money simply is not there"),
        ("critic", "This plan is too little, too late"),
        ("business", "Businesses want certainty, and a long-term plan gives them that"),
    ),
}

# ---------------------------------------------------------------------------------------
# Invented names: syllable generators with a fixed seed (the same "world" for every corpus).
# ---------------------------------------------------------------------------------------

_ONSETS = (
    "b c d f g h j k l m n p r s t v w br cr dr fr gr pr tr st pl cl fl bl sh ch th sl sw"
).split()
_VOWELS = "a e i o u a e o ai ea ou ie".split()
_CODAS = ("", "", "", "n", "r", "l", "s", "m", "nd", "rt", "st", "ck", "ll", "rn", "th")
_FIRST_ENDS = "a o en in el an ia us ie on ra ine et ah ey is am".split()
_LAST_ENDS = (
    "son ley ford ton well man berg ini ez ova ard ock field er by ski sen ridge more worth ing "
    "ham cott dale"
).split()
_TOWN_ENDS = (
    "ton ford bury wick by field mouth ham stead port dale minster haven bridge holm thorpe ley "
    "cester brook ington"
).split()
_REGION_ENDS = "shire land ia mark vale mere".split()
_NOUN_SUFFIXES = "tion ment ance ence ity ism ure age ery ness ship hood ling ard".split()
_ADJ_SUFFIXES = "al ous ive ic ary ent ant ful less ish able".split()
_VERB_SUFFIXES = "ate ize ify en".split()


def _stem(r: random.Random, syllables: int) -> str:
    parts = [r.choice(_ONSETS) + r.choice(_VOWELS) for _ in range(syllables)]
    return "".join(parts) + r.choice(_CODAS)


def _unique(make: Callable[[], str], count: int, taken: set[str]) -> list[str]:
    out: list[str] = []
    while len(out) < count:
        word = make()
        if word not in taken and len(word) > 3:
            taken.add(word)
            out.append(word)
    return out


def _plural(noun: str) -> str:
    if noun in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[noun]
    if noun.endswith(("s", "sh", "ch", "x", "z")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    return noun + "s"


def _verb_forms(base: str) -> tuple[str, str, str, str]:
    """(base, past, past participle, third person singular)."""
    if base in IRREGULAR_VERBS:
        past, pp = IRREGULAR_VERBS[base]
    elif base.endswith("e"):
        past = pp = base + "d"
    elif base.endswith("y") and base[-2:-1] not in ("a", "e", "i", "o", "u"):
        past = pp = base[:-1] + "ied"
    else:
        past = pp = base + "ed"
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = base + "es"
    elif base.endswith("y") and base[-2:-1] not in ("a", "e", "i", "o", "u"):
        third = base[:-1] + "ies"
    else:
        third = base + "s"
    return base, past, pp, third


def _dedupe(words: list[str]) -> list[str]:
    return list(dict.fromkeys(words))


_WORLD_SEED = 20240611
_NUM_RE = re.compile(r"\{([A-Z]+)\}")
_TW = 1 << 17  # resolution of the Zipf lookup tables
_ZIPF_S = 1.07


def _zipf_weights(count: int, s: float = _ZIPF_S, offset: float = 2.0) -> np.ndarray:
    return 1.0 / (np.arange(count, dtype=np.float64) + offset) ** s


def _table(weights: np.ndarray, base: int) -> np.ndarray:
    cum = np.cumsum(weights)
    cum /= cum[-1]
    probe = (np.arange(_TW, dtype=np.float64) + 0.5) / _TW
    return (np.searchsorted(cum, probe, side="right") + base).astype(np.int32)


@dataclass(frozen=True)
class _Layout:
    rows: np.ndarray
    slices: tuple[tuple[str, int, int], ...]


class _World:
    """Vocabulary, Zipf tables, synonyms, names, towns and outlets (fixed for all seeds)."""

    def __init__(self) -> None:
        r = random.Random(_WORLD_SEED)
        taken: set[str] = set()
        topic_nouns = [w for t in TOPIC_WORDS.values() for w in t.split()]
        groups = self._parse_groups()
        nouns = _dedupe(NOUNS.split() + topic_nouns + [w for g in groups["n"] for w in g])
        verbs = _dedupe(VERBS.split() + [w for g in groups["v"] for w in g])
        adjs = _dedupe(ADJECTIVES.split() + [w for g in groups["a"] for w in g])
        advs = _dedupe(ADVERBS.split() + [w for g in groups["r"] for w in g])
        taken.update(nouns + verbs + adjs + advs)
        for pos, gs in groups.items():
            members = [w for g in gs for w in g]
            if len(members) != len(set(members)):
                raise AssertionError(f"a word is in two {pos} synonym groups")
        # The long tail: pseudo-words that look English enough.
        pseudo_nouns = _unique(
            lambda: _stem(r, r.choice((1, 2))) + r.choice(_NOUN_SUFFIXES), 1500, taken
        )
        pseudo_adj = _unique(
            lambda: _stem(r, r.choice((1, 2))) + r.choice(_ADJ_SUFFIXES), 900, taken
        )
        pseudo_verbs = _unique(
            lambda: _stem(r, r.choice((1, 2))) + r.choice(_VERB_SUFFIXES), 500, taken
        )
        pseudo_advs = _dedupe(
            [a + "ly" for a in pseudo_adj if a.endswith(("al", "ous", "ive", "ful", "ent", "ant"))]
        )[:250]
        nouns += pseudo_nouns
        adjs += pseudo_adj
        verbs += pseudo_verbs
        advs += pseudo_advs
        self.invented = frozenset(pseudo_nouns + pseudo_adj + pseudo_verbs + pseudo_advs)
        self.nouns = nouns
        self.noun_pl = [_plural(n) for n in nouns]
        forms = [_verb_forms(v) for v in verbs]
        self.verbs = verbs
        self.adjs = adjs
        self.advs = advs
        classes: dict[str, list[str]] = {
            "N": nouns,
            "NS": self.noun_pl,
            "A": adjs,
            "V": [f[1] for f in forms],
            "VB": [f[0] for f in forms],
            "VN": [f[2] for f in forms],
            "VS": [f[3] for f in forms],
            "R": advs,
            "NUM": NUMBERS,
        }
        words: list[str] = []
        rows: list[np.ndarray] = []
        self.row_of: dict[str, int] = {}
        offset_of: dict[str, int] = {}
        for code, ws in classes.items():
            offset_of[code] = len(words)
            self.row_of[code] = len(rows)
            rows.append(_table(_zipf_weights(len(ws)), len(words)))
            words.extend(ws)
        noun_index = {n: k for k, n in enumerate(nouns)}
        for topic, text in TOPIC_WORDS.items():
            idx = np.array([noun_index[w] for w in text.split()], dtype=np.int64)
            weights = _zipf_weights(len(idx), 0.8, 1.0)
            for code in ("T", "TS"):
                base = offset_of["N" if code == "T" else "NS"]
                self.row_of[f"{code}:{topic}"] = len(rows)
                local = _table(weights, 0)
                rows.append((idx[local] + base).astype(np.int32))
        self.words = np.array(words, dtype=object)
        self.lowercase = frozenset(words)  # sentence-initial words that lose their capital
        self.table = np.stack(rows)
        self.frames = self._frames()
        self.layouts = {t: self._layout(t) for t in TOPICS}
        self.synonyms = self._synonyms(groups, forms)
        # Sentence-initial replacements; capitalised words elsewhere are names and stay.
        self.synonyms_cap = {
            a[0].upper() + a[1:]: b[0].upper() + b[1:] for a, b in self.synonyms.items()
        }
        # People, places, organisations, outlets.
        self.first = [
            w.capitalize()
            for w in _unique(
                lambda: _stem(r, r.choice((1, 1, 2)))[:-1] + r.choice(_FIRST_ENDS), 2500, taken
            )
        ]
        self.first_cum = list(itertools.accumulate(_zipf_weights(len(self.first), 0.9, 5.0)))
        self.last = [
            w.capitalize()
            for w in _unique(lambda: _stem(r, r.choice((1, 2))) + r.choice(_LAST_ENDS), 9000, taken)
        ]
        self.regions = [
            w.capitalize() for w in _unique(lambda: _stem(r, 1) + r.choice(_REGION_ENDS), 40, taken)
        ]
        towns: list[str] = []
        for stem in _unique(
            lambda: _stem(r, r.choice((1, 1, 2))) + r.choice(_TOWN_ENDS), 3000, taken
        ):
            name = stem.capitalize()
            roll = r.random()
            if roll < 0.04:
                name = "Port " + name
            elif roll < 0.07:
                name = r.choice(("North ", "East ", "Upper ", "New ")) + name
            elif roll < 0.09:
                name += r.choice((" Falls", " Bay", " Cross"))
            towns.append(name)
        self.towns = towns
        self.town_region = [r.randrange(len(self.regions)) for _ in towns]
        # Bigger towns (lower index) are reported on more often.
        self.town_pop = [
            max(2000, int(2_500_000 / (k + 3) ** 0.85 * r.uniform(0.7, 1.3)) // 100 * 100)
            for k in range(len(towns))
        ]
        self.town_cum = list(itertools.accumulate(_zipf_weights(len(towns), 0.9, 3.0)))
        self.by_region: dict[int, list[int]] = {}
        for t, reg in enumerate(self.town_region):
            self.by_region.setdefault(reg, []).append(t)
        self.wires = (
            "Continental Press",
            "Meridian News Agency",
            "Allied Wire Service",
            "Northstar Press Association",
            "Global Dispatch",
        )
        papers = (
            "Courier Herald Gazette Post Chronicle Times Observer Record Sentinel Tribune Journal "
            "Echo Mercury Standard Examiner Advertiser Star Argus Clarion Dispatch Bulletin Mail"
        ).split()
        outlets: list[str] = []
        seen: set[str] = set()
        while len(outlets) < 220:
            roll = r.random()
            if roll < 0.55:
                name = f"{towns[r.randrange(400)]} {r.choice(papers)}"
            elif roll < 0.75:
                name = f"The {r.choice(self.regions)} {r.choice(('Daily', 'Weekly', 'Review', 'Times', 'News'))}"
            elif roll < 0.9:
                adj = r.choice(
                    ("Morning", "Evening", "Sunday", "Open", "Northern", "Coastal", "Valley")
                )
                name = f"{adj} {r.choice(papers)}"
            else:
                name = f"{r.choice(self.regions)} {r.choice(('Online', 'Today', 'Live', 'Now', 'Insider'))}"
            if name not in seen:
                seen.add(name)
                outlets.append(name)
        self.outlets = list(self.wires) + outlets
        self.outlet_cum = list(itertools.accumulate(_zipf_weights(len(outlets), 0.8, 4.0)))
        self.staff = [
            [self.person(r)[0] for _ in range(r.randint(3, 40))] for _ in range(len(self.outlets))
        ]

    @staticmethod
    def _parse_groups() -> dict[str, list[list[str]]]:
        groups: dict[str, list[list[str]]] = {"n": [], "v": [], "a": [], "r": []}
        for line in SYNONYM_GROUPS.strip().splitlines():
            pos, body = line.split(":", 1)
            groups[pos.strip()].extend(g.split() for g in body.split("|"))
        return groups

    def _frames(self) -> list[tuple[str, tuple[str, ...], bool]]:
        frames = []
        for line in FRAMES.strip().splitlines():
            codes = tuple(_NUM_RE.findall(line))
            fmt = _NUM_RE.sub("{}", line)
            frames.append((fmt, codes, "{" in _NUM_RE.sub("", line)))
        return frames

    def _layout(self, topic: str) -> _Layout:
        counts = Counter(c for _, codes, _ in self.frames for c in codes)
        total = sum(counts.values())
        rows: list[int] = []
        slices = []
        for code in sorted(counts):
            k = math.ceil(160 * counts[code] / total) + 3
            row = self.row_of[f"{code}:{topic}" if code in ("T", "TS") else code]
            slices.append((code, len(rows), len(rows) + k))
            rows.extend([row] * k)
        return _Layout(np.array(rows, dtype=np.int64), tuple(slices))

    def _synonyms(
        self, groups: dict[str, list[list[str]]], forms: list[tuple[str, str, str, str]]
    ) -> dict[str, str]:
        """One replacement per word form: group members rotate, other words swap with a
        neighbour of similar frequency in their class."""
        syn: dict[str, str] = {}
        form_of_verb = {f[0]: f for f in forms}

        def pairs(words: list[str], grouped: list[list[str]]) -> list[tuple[str, str]]:
            out: list[tuple[str, str]] = []
            for g in grouped:
                out.extend((g[k], g[(k + 1) % len(g)]) for k in range(len(g)))
            # Invented long-tail words have no meaning to keep: swap with a neighbour.
            rest = [w for w in words if w in self.invented]
            for k in range(0, len(rest) - 1, 2):
                out.extend(((rest[k], rest[k + 1]), (rest[k + 1], rest[k])))
            return out

        for a, b in pairs(self.nouns, groups["n"]):
            syn[a] = b
            syn[_plural(a)] = _plural(b)
        for a, b in pairs(self.verbs, groups["v"]):
            fa, fb = form_of_verb[a], form_of_verb[b]
            for k in (0, 2, 3, 1):  # the past tense wins where forms coincide
                syn[fa[k]] = fb[k]
        for a, b in pairs(self.adjs, groups["a"]) + pairs(self.advs, groups["r"]):
            syn[a] = b
        for a, b in list(syn.items()):
            syn[a + ","] = b + ","
            syn[a + "."] = b + "."
        return syn

    def person(self, r: random.Random) -> tuple[str, str]:
        first = self.first[bisect.bisect(self.first_cum, r.random() * self.first_cum[-1])]
        last = self.last[r.randrange(len(self.last))]
        return f"{first} {last}", last

    def town(self, r: random.Random) -> int:
        return min(
            bisect.bisect(self.town_cum, r.random() * self.town_cum[-1]), len(self.towns) - 1
        )

    def outlet(self, r: random.Random) -> int:
        k = bisect.bisect(self.outlet_cum, r.random() * self.outlet_cum[-1])
        return len(self.wires) + min(k, len(self.outlet_cum) - 1)


_WORLD: _World | None = None


def _world() -> _World:
    global _WORLD
    if _WORLD is None:
        _WORLD = _World()
    return _WORLD


# ---------------------------------------------------------------------------------------
# Randomness. Every article and story has its own key, so text is a pure function of
# (seed, article) whatever order articles are produced in.
# ---------------------------------------------------------------------------------------

_MASK = (1 << 64) - 1


def _mix(*parts: int) -> int:
    h = 0x243F6A8885A308D3
    for p in parts:
        h = (h ^ (p & _MASK)) * 0x9E3779B97F4A7C15 & _MASK
        h ^= h >> 30
        h = h * 0xBF58476D1CE4E5B9 & _MASK
        h ^= h >> 27
        h = h * 0x94D049BB133111EB & _MASK
        h ^= h >> 31
    return h


_BITGEN = np.random.PCG64(0)
_GEN = np.random.Generator(_BITGEN)
_INC = _BITGEN.state["state"]["inc"]


class _WordSource:
    """Zipf-distributed filler words for one article, drawn in numpy blocks."""

    __slots__ = ("draws", "key", "layout", "nxt", "world")

    def __init__(self, world: _World, key: int, topic: str) -> None:
        self.world = world
        self.key = key
        self.layout = world.layouts[topic]
        self.draws = 0
        self.nxt: dict[str, Callable[[], str]] = {}
        self._draw()

    def _draw(self) -> None:
        self.draws += 1
        _BITGEN.state = {
            "bit_generator": "PCG64",
            "state": {
                "state": _mix(self.key, self.draws) << 64 | _mix(self.draws, self.key),
                "inc": _INC,
            },
            "has_uint32": 0,
            "uinteger": 0,
        }
        lay = self.layout
        u = _GEN.integers(0, _TW, size=len(lay.rows))
        words = self.world.words[self.world.table[lay.rows, u]].tolist()
        self.nxt = {c: iter(words[a:b]).__next__ for c, a, b in lay.slices}

    def sentence(self, frame: tuple[str, tuple[str, ...], bool], ctx: dict[str, str]) -> str:
        fmt, codes, named = frame
        while True:
            nxt = self.nxt
            try:
                values = [nxt[c]() for c in codes]
            except StopIteration:
                self._draw()
                continue
            break
        s = fmt.format(*values, **ctx) if named else fmt.format(*values)
        return s[0].upper() + s[1:] if s[0].islower() else s


# ---------------------------------------------------------------------------------------
# Story facts: one slot dictionary per story.
# ---------------------------------------------------------------------------------------


def _num(n: int) -> str:
    return f"{n:,}"


def _small(n: int) -> str:
    return SMALL[n] if 0 <= n < len(SMALL) else _num(n)


def _people(n: int) -> str:
    return "one person" if n == 1 else f"{_small(n)} people"


def _money(x: float) -> str:
    if x >= 1e9:
        return f"${x / 1e9:.1f} billion"
    if x >= 1e6:
        return f"${x / 1e6:.1f} million"
    return f"${int(x) // 1000 * 1000:,}"


def _pct(r: random.Random, lo: float, hi: float) -> str:
    return f"{r.uniform(lo, hi):.1f}"


def _ordinal(n: int) -> str:
    return ("first second third fourth fifth sixth seventh eighth ninth tenth").split()[n - 1]


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _date_text(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}"


_PARTIES = (
    ("the Progressive Alliance", "Progressive Alliance"),
    ("the Civic Union", "Civic Union"),
    ("the People's Party", "People's Party"),
    ("the Green Coalition", "Green Coalition"),
    ("the Liberal Front", "Liberal Front"),
    ("the Reform Party", "Reform Party"),
    ("the Democratic League", "Democratic League"),
    ("the Unity Movement", "Unity Movement"),
    ("the Workers' Party", "Workers' Party"),
    ("the Conservative Union", "Conservative Union"),
)
_JOBS = (
    "teacher",
    "nurse",
    "shopkeeper",
    "retired engineer",
    "student",
    "taxi driver",
    "pharmacist",
    "builder",
    "café owner",
    "postal worker",
    "accountant",
    "gardener",
)


def _company(w: _World, r: random.Random, kinds: tuple[str, ...]) -> str:
    stem = (
        w.last[r.randrange(len(w.last))]
        if r.random() < 0.6
        else _cap(w.nouns[-1 - r.randrange(1500)])
    )
    return f"{stem} {r.choice(kinds)}"


def _street(w: _World, r: random.Random) -> str:
    kind = r.choice(("Road", "Street", "Lane", "Avenue", "Way", "Place"))
    return f"{w.last[r.randrange(len(w.last))]} {kind}"


def _slots_fire(w: _World, r: random.Random, c: dict[str, Any]) -> dict[str, Any]:
    chief, owner, witness = w.person(r), w.person(r), w.person(r)
    company = _company(
        w,
        r,
        (
            "Plastics",
            "Logistics",
            "Foods",
            "Textiles",
            "Timber",
            "Packaging",
            "Chemicals",
            "Furniture",
            "Paper",
            "Metals",
        ),
    )
    crews = r.randint(4, 30)
    cause, short = r.choice(
        (
            ("an electrical fault", "electrical fault"),
            ("a gas leak", "gas leak"),
            ("a discarded cigarette", "discarded cigarette"),
            ("a faulty heater", "faulty heater"),
            ("a deliberately started fire", "arson claims"),
            ("a machinery fault", "machine fault"),
            ("overheating batteries", "battery fault"),
            ("sparks from welding work", "welding sparks"),
        )
    )
    service = f"{c['town']} Fire and Rescue Service"
    return {
        "company": company,
        "facility": r.choice(
            (
                "warehouse",
                "factory",
                "recycling plant",
                "furniture workshop",
                "paint depot",
                "storage depot",
                "printing works",
                "bakery",
                "timber yard",
                "distribution centre",
            )
        ),
        "street": _street(w, r),
        "crews": str(crews),
        "firefighters": str(crews * 4 + r.randint(0, 20)),
        "injured_people": _people(r.randint(1, 12)),
        "hours": str(r.randint(2, 14)),
        "evacuated": _num(r.randrange(20, 900, 10)),
        "chief": chief[0],
        "service": service,
        "cause": cause,
        "cause_short": short,
        "smoke_km": str(r.randint(2, 15)),
        "damage": _money(r.uniform(0.3, 40) * 1e6),
        "staff": _num(r.randrange(20, 600, 5)),
        "opened": str(r.randint(1960, 2018)),
        "org": company,
        "person": chief,
        "speakers": {
            "chief": (chief, f"the chief fire officer of the {service}"),
            "owner": (owner, f"the managing director of {company}"),
            "witness": (witness, f"a {r.choice(_JOBS)} who lives nearby"),
        },
    }


def _slots_storm(w: _World, r: random.Random, c: dict[str, Any]) -> dict[str, Any]:
    official, boss, witness, forecaster = (w.person(r) for _ in range(4))
    region = c["region"]
    utility = f"{w.last[r.randrange(len(w.last))]} {r.choice(('Power', 'Energy', 'Grid'))}"
    emergency = f"{region} Emergency Management Agency"
    agency = f"{region} Weather Service"
    killed = r.randint(1, 6)
    return {
        "storm": f"Storm {w.first[r.randrange(len(w.first))]}",
        "wind": str(r.randrange(90, 190, 5)),
        "rain": str(r.randint(40, 260)),
        "homes_off": _num(r.randrange(2000, 250000, 100)),
        "killed_people": _people(killed),
        "emergency_org": emergency,
        "agency": agency,
        "utility": utility,
        "warning": "red",
        "roads": str(r.randint(10, 120)),
        "flights": str(r.randint(20, 400)),
        "schools": str(r.randint(20, 300)),
        "calls": _num(r.randrange(100, 2000, 10)),
        "injured": str(r.randint(2, 60)),
        "nextday": WEEKDAYS[(c["weekday_index"] + 1) % 7],
        "hist_year": str(r.randint(1950, 2015)),
        "org": f"the {emergency}",
        "person": official,
        "speakers": {
            "official": (official, f"the head of the {emergency}"),
            "utility_boss": (boss, f"the chief executive of {utility}"),
            "witness": (witness, f"a {r.choice(_JOBS)} from {c['town']}"),
            "forecaster": (forecaster, f"a forecaster at the {agency}"),
        },
    }


def _slots_election(w: _World, r: random.Random, c: dict[str, Any]) -> dict[str, Any]:
    winner, loser, third, predecessor, analyst = (w.person(r) for _ in range(5))
    p1, p2, p3 = r.sample(_PARTIES, 3)
    if r.random() < 0.65:
        office_title, electorate, size = "mayor", c["town"], c["pop"]
        commission = f"{c['town']} Electoral Office"
    else:
        office_title, electorate, size = "governor", c["region"], c["pop"] * r.randint(5, 30)
        commission = f"{c['region']} Electoral Commission"
    win = r.uniform(38, 62)
    lose = r.uniform(22, min(win - 1.5, 100 - win - 3))
    third_pct = r.uniform(1.0, max(1.5, 100 - win - lose - 1))
    turnout = r.uniform(28, 75)
    voters = int(size * 0.75 * turnout / 100)
    issue = r.choice(
        (
            "housing costs",
            "public transport",
            "local taxes",
            "crime",
            "hospital waiting times",
            "jobs",
            "the cost of living",
            "school places",
            "traffic congestion",
            "water quality",
        )
    )
    n_promise = r.randrange(500, 20000, 500)
    promise = r.choice(
        (
            f"{_num(n_promise)} new homes by {c['year'] + 4}",
            "a freeze on local taxes",
            f"{r.randint(50, 800)} more police officers",
            "free public transport for students",
            "a new hospital",
            f"{_num(n_promise)} new school places",
        )
    )
    start = c["date"] + dt.timedelta(days=r.randint(20, 60))
    return {
        "winner": winner[0],
        "winner_last": winner[1],
        "loser": loser[0],
        "loser_last": loser[1],
        "third": third[0],
        "winner_party": p1[0],
        "winner_party_short": p1[1],
        "loser_party": p2[0],
        "third_party": p3[0],
        "office": f"{office_title} of {electorate}",
        "office_title": office_title,
        "electorate": electorate,
        "commission": commission,
        "win_pct": f"{win:.1f}",
        "lose_pct": f"{lose:.1f}",
        "third_pct": f"{third_pct:.1f}",
        "turnout": f"{turnout:.1f}",
        "turnout_cmp": r.choice(("higher", "lower")),
        "voters": _num(voters),
        "margin": _num(max(12, int(voters * (win - lose) / 100))),
        "issue": issue,
        "winner_age": str(r.randint(34, 68)),
        "winner_job": "a "
        + r.choice(
            (
                "lawyer",
                "teacher",
                "doctor",
                "business owner",
                "trade union official",
                "journalist",
                "nurse",
                "police officer",
            )
        ),
        "start_date": _date_text(start),
        "promise": promise,
        "predecessor": predecessor[0],
        "terms": _small(r.randint(1, 4)),
        "count_venue": f"the {c['town']} {r.choice(('Exhibition Centre', 'Sports Hall', 'Civic Centre', 'Town Hall'))}",
        "hour": str(r.randint(1, 5)),
        "complaints": str(r.randint(2, 40)),
        "org": commission,
        "person": winner,
        "speakers": {
            "winner": (winner, f"the {p1[1]} candidate"),
            "loser": (loser, f"the {p2[1]} candidate"),
            "analyst": (analyst, f"a political scientist at the University of {c['town3']}"),
        },
    }


def _slots_earnings(w: _World, r: random.Random, c: dict[str, Any]) -> dict[str, Any]:
    ceo, cfo, analyst = w.person(r), w.person(r), w.person(r)
    sector, kind = r.choice(
        (
            ("retailer", "Retail"),
            ("carmaker", "Motors"),
            ("software company", "Systems"),
            ("food producer", "Foods"),
            ("energy group", "Energy"),
            ("drugmaker", "Pharma"),
            ("airline", "Airways"),
            ("bank", "Bank"),
            ("telecoms operator", "Telecom"),
            ("logistics company", "Logistics"),
            ("chemicals maker", "Chemicals"),
        )
    )
    company = _company(w, r, (kind, f"{kind} Group", "Holdings" if r.random() < 0.3 else kind))
    revenue = 10 ** r.uniform(7.7, 10.3)
    up = r.random() < 0.6
    rev_up = r.random() < 0.6
    share_up = r.random() < 0.55
    beat = r.random() < 0.55
    expected = revenue * (r.uniform(0.9, 0.99) if beat else r.uniform(1.01, 1.1))
    bank = f"{w.last[r.randrange(len(w.last))]} {r.choice(('Securities', 'Capital', 'Partners'))}"
    jobs_cut = r.random() < 0.5
    return {
        "company": company,
        "sector": sector,
        "sector_cap": _cap(sector),
        "quarter": r.choice(("first", "second", "third", "fourth")),
        "revenue": _money(revenue),
        "profit": _money(revenue * r.uniform(0.02, 0.15)),
        "profit_dir": "rose" if up else "fell",
        "profit_pct": _pct(r, 2, 60),
        "rev_dir": "rose" if rev_up else "fell",
        "rev_dir_adv": "up" if rev_up else "down",
        "rev_cmp": "higher" if rev_up else "lower",
        "rev_pct": _pct(r, 0.5, 25),
        "expected": _money(expected),
        "beat_missed": "beat" if beat else "missed",
        "poll_firm": f"{w.last[r.randrange(len(w.last))]} Research",
        "guidance_verb": r.choice(("raised", "cut", "kept")),
        "reason": r.choice(
            (
                f"strong demand in {c['region']}",
                "weaker consumer spending",
                "higher energy prices",
                "a stronger currency",
                "supply chain problems",
                "cost savings",
            )
        ),
        "share_dir": "rose" if share_up else "fell",
        "share_dir_adv": "up" if share_up else "down",
        "share_pct": _pct(r, 0.5, 15),
        "jobs_action": "cut" if jobs_cut else "create",
        "jobs": _num(r.randrange(50, 3000, 10)),
        "dividend": str(r.randint(5, 95)),
        "segment": r.choice(
            (
                "online sales",
                "international",
                "premium products",
                "services",
                "software",
                "home delivery",
                "wholesale",
                "subscriptions",
            )
        ),
        "seg_pct": _pct(r, 3, 40),
        "cost_item": r.choice(
            ("energy", "labour", "shipping", "raw material", "borrowing", "packaging")
        ),
        "employees": _num(r.randrange(500, 90000, 100)),
        "ceo": ceo[0],
        "ceo_last": ceo[1],
        "ceo_year": str(r.randint(2010, 2022)),
        "debt": _money(revenue * r.uniform(0.1, 2.0)),
        "next_date": _date_text(c["date"] + dt.timedelta(days=r.randint(80, 100))),
        "org": company,
        "person": ceo,
        "speakers": {
            "ceo": (ceo, f"the chief executive of {company}"),
            "cfo": (cfo, "the chief financial officer"),
            "analyst": (analyst, f"an analyst at {bank}"),
        },
    }


def _slots_strike(w: _World, r: random.Random, c: dict[str, Any]) -> dict[str, Any]:
    leader, spokes, worker = w.person(r), w.person(r), w.person(r)
    town, region = c["town"], c["region"]
    trade, one, service, employer, union_of, picket = r.choice(
        (
            (
                "bus drivers",
                "bus driver",
                "the bus service",
                f"{town} Metro",
                "Transport Workers",
                "the main bus depot",
            ),
            (
                "nurses",
                "nurse",
                "hospital care",
                f"the {region} Health Authority",
                "Nurses",
                f"{town} General Hospital",
            ),
            (
                "dock workers",
                "dock worker",
                "port operations",
                f"the {town} Port Authority",
                "Dock Workers",
                "the container terminal",
            ),
            (
                "teachers",
                "teacher",
                "teaching in schools",
                f"the {town} Education Board",
                "Teachers",
                "the education board offices",
            ),
            (
                "refuse collectors",
                "refuse collector",
                "rubbish collection",
                f"{town} City Council",
                "Public Service Workers",
                "the council depot",
            ),
            (
                "rail staff",
                "train conductor",
                "the train service",
                f"{region} Railways",
                "Rail Workers",
                f"{town} Central station",
            ),
            (
                "airport staff",
                "baggage handler",
                "flights",
                f"{town} Airport",
                "Aviation Staff",
                "the terminal building",
            ),
            (
                "postal workers",
                "postal worker",
                "post deliveries",
                f"{region} Post",
                "Postal Workers",
                "the sorting office",
            ),
            (
                "care workers",
                "care worker",
                "home care visits",
                f"{town} Care Services",
                "Care Workers",
                "the town hall",
            ),
        )
    )
    adj = r.choice(("National", "United", "General", "Federated", "Independent"))
    union = f"the {adj} Union of {union_of}"
    short = "".join(p[0] for p in f"{adj} Union {union_of}".split())
    nth = r.randint(2, 6)
    start = c["date"] - dt.timedelta(days=r.randint(40, 200))
    return {
        "trade": trade,
        "trade_cap": _cap(trade),
        "service": service,
        "service_cap": _cap(service),
        "employer": employer,
        "union": union,
        "union_short": short,
        "workers": _num(r.randrange(200, 12000, 50)),
        "days": str(r.randint(1, 14)),
        "demand": str(r.randint(6, 15)),
        "offer": _pct(r, 1.5, 5),
        "ballot": str(r.randint(60, 96)),
        "mediator": f"the {region} Conciliation Service",
        "prev_weekday": WEEKDAYS[(c["weekday_index"] - r.randint(1, 3)) % 7],
        "inflation": _pct(r, 3, 11),
        "picket_site": picket,
        "nth": _ordinal(nth),
        "nth_times": {2: "twice", 3: "three times", 4: "four times", 5: "five times"}.get(
            nth, "six times"
        ),
        "start_month": MONTHS[start.month - 1],
        "cost": _money(r.uniform(2, 80) * 1e6),
        "deadline": _date_text(c["date"] + dt.timedelta(days=r.randint(7, 21))),
        "org": employer,
        "person": leader,
        "speakers": {
            "leader": (leader, f"the general secretary of {union}"),
            "spokesperson": (spokes, f"a spokesperson for {employer}"),
            "worker": (
                worker,
                f"a {one} who has worked for {employer} for {_small(r.randint(3, 25))} years",
            ),
        },
    }


def _slots_court(w: _World, r: random.Random, c: dict[str, Any]) -> dict[str, Any]:
    judge, def_lawyer, cl_lawyer, spokes, resident = (w.person(r) for _ in range(5))
    town, region = c["town"], c["region"]
    court, short = r.choice(
        (
            (f"the {region} High Court", "High Court"),
            (f"the {town} District Court", "district court"),
            (f"the Commercial Court in {town}", "Commercial Court"),
        )
    )
    defendant = _company(
        w,
        r,
        (
            "Chemicals",
            "Waste Services",
            "Quarries",
            "Energy",
            "Water",
            "Building Supplies",
            "Finance",
            "Telecom",
        ),
    )
    n = _num(r.randrange(20, 900, 5))
    offence, harm, claimant, law, regulator = r.choice(
        (
            (
                "polluting a river near its plant",
                "the pollution had killed fish and damaged their land",
                f"a group of {n} residents",
                f"the {region} Environmental Protection Act",
                f"the {region} Environment Agency",
            ),
            (
                "illegal dumping of waste",
                "waste dumped near their homes had made people ill",
                f"the {town} Residents' Association",
                "waste regulations",
                f"the {region} Environment Agency",
            ),
            (
                "safety failures at its plant",
                "the company had ignored warnings about dangerous machinery",
                f"{n} former employees",
                "workplace safety law",
                f"the {region} Safety Executive",
            ),
            (
                "a data breach",
                f"the personal details of {n},000 customers had been exposed",
                f"a group of {n} customers",
                "data protection law",
                f"the {region} Information Commission",
            ),
            (
                "fixing prices for building materials",
                "builders had been overcharged for years",
                f"{n} small building firms",
                "competition law",
                f"the {region} Competition Board",
            ),
            (
                "noise and dust from its quarry",
                "noise and dust had made their homes almost unliveable",
                f"a group of {n} neighbours",
                "planning law",
                f"the {region} Planning Inspectorate",
            ),
            (
                "misleading customers about fees",
                "hidden fees had cost them hundreds of dollars each",
                f"{n} customers",
                "consumer protection law",
                f"the {region} Consumer Authority",
            ),
        )
    )
    year_from = r.randint(2012, 2019)
    return {
        "court": court,
        "court_cap": _cap(court),
        "court_short": short,
        "defendant": defendant,
        "offence": offence,
        "harm": harm,
        "claimant": claimant,
        "claimant_cap": _cap(claimant),
        "law": law,
        "regulator": regulator,
        "fine": _money(10 ** r.uniform(5.3, 7.8)),
        "judge": judge[0],
        "weeks": str(r.randint(2, 12)),
        "witnesses": str(r.randint(5, 60)),
        "appeal_days": r.choice(("14", "21", "28")),
        "def_lawyer": def_lawyer[0],
        "cl_lawyer": cl_lawyer[0],
        "law_firm": f"{w.last[r.randrange(len(w.last))]} & {w.last[r.randrange(len(w.last))]}",
        "costs": _money(r.uniform(0.05, 3) * 1e6),
        "year_from": str(year_from),
        "year_to": str(year_from + r.randint(1, 4)),
        "spent": _money(r.uniform(0.5, 30) * 1e6),
        "others": _num(r.randrange(50, 2000, 10)),
        "org": defendant,
        "person": judge,
        "speakers": {
            "judge": ((f"Judge {judge[0]}", judge[1]), "the presiding judge"),
            "cl_lawyer": (cl_lawyer, "a lawyer at the firm that represented the claimants"),
            "spokesperson": (spokes, f"a spokesperson for {defendant}"),
            "resident": (resident, "one of the claimants"),
        },
    }


def _club(w: _World, r: random.Random, town: str) -> str:
    form = r.random()
    if form < 0.15:
        return f"FC {town}"
    return f"{town} {r.choice(('United', 'Rovers', 'City', 'Athletic', 'Wanderers', 'Albion', 'Town'))}"


def _slots_transfer(w: _World, r: random.Random, c: dict[str, Any]) -> dict[str, Any]:
    player, manager, old_player, chair = (w.person(r) for _ in range(4))
    to_club = _club(w, r, c["town"])
    from_club = _club(w, r, c["town2"])
    fee = 10 ** r.uniform(6.3, 7.95)
    years = r.randint(2, 6)
    goals = r.randint(0, 30)
    return {
        "player": player[0],
        "player_last": player[1],
        "age": str(r.randint(19, 31)),
        "position": r.choice(
            ("striker", "midfielder", "defender", "goalkeeper", "winger", "full-back")
        ),
        "to_club": to_club,
        "from_club": from_club,
        "fee": _money(fee),
        "fee_max": _money(fee * r.uniform(1.1, 1.4)),
        "years": str(years),
        "contract_end": f"June {c['year'] + years}",
        "sell_on": str(r.randint(5, 20)),
        "old_record": _money(fee * r.uniform(0.5, 0.9)),
        "old_player": old_player[0],
        "old_year": str(r.randint(2005, c["year"] - 1)),
        "shirt": str(r.randint(2, 99)),
        "academy_age": str(r.randint(8, 16)),
        "position_league": _ordinal(r.randint(1, 10)),
        "league": f"the {c['region']} Premier League",
        "next_opponent": _club(w, r, c["town3"]),
        "next_day": WEEKDAYS[(c["weekday_index"] + r.randint(2, 5)) % 7],
        "window_close": _date_text(c["date"] + dt.timedelta(days=r.randint(3, 20))),
        "prev_weekday": WEEKDAYS[(c["weekday_index"] - 1) % 7],
        "goals": str(goals),
        "apps": str(goals + r.randint(10, 30)),
        "manager_last": manager[1],
        "org": to_club,
        "person": player,
        "speakers": {
            "manager": (manager, f"the {to_club} manager"),
            "player": (player, "the new signing"),
            "from_chair": (chair, f"the chairman of {from_club}"),
        },
    }


def _slots_health(w: _World, r: random.Random, c: dict[str, Any]) -> dict[str, Any]:
    author, expert, charity = w.person(r), w.person(r), w.person(r)
    university = f"the University of {c['town']}"
    condition = r.choice(
        (
            "heart disease",
            "type 2 diabetes",
            "dementia",
            "depression",
            "asthma",
            "high blood pressure",
            "stroke",
            "kidney disease",
        )
    )
    factor, had = r.choice(
        (
            ("eating nuts several times a week", "eaten nuts several times a week"),
            ("walking at least 30 minutes a day", "walked at least 30 minutes a day"),
            ("sleeping fewer than six hours a night", "slept fewer than six hours a night"),
            ("drinking two or more cups of coffee a day", "drunk two or more cups of coffee a day"),
            ("living near a busy road", "lived near a busy road"),
            ("working night shifts", "worked night shifts"),
            ("regular gardening", "gardened regularly"),
            ("eating ultra-processed food daily", "eaten ultra-processed food daily"),
        )
    )
    lower = r.random() < 0.5
    field_ = r.choice(
        (
            "epidemiology",
            "public health",
            "nutrition",
            "cardiology",
            "neuroscience",
            "sleep medicine",
        )
    )
    age_from = r.randint(30, 50)
    participants = r.randrange(2000, 400000, 100)
    return {
        "university": university,
        "uni_short": university[4:],
        "author": author[0],
        "field": field_,
        "participants": _num(participants),
        "years": str(r.randint(4, 25)),
        "condition": condition,
        "condition_cap": _cap(condition),
        "factor": factor,
        "factor_cap": _cap(factor),
        "factor_have": had,
        "direction": "lower" if lower else "higher",
        "more_less": "less" if lower else "more",
        "effect_verb": "cut" if lower else "raised",
        "effect_verb_base": "cut" if lower else "raise",
        "effect_pct": str(r.randint(8, 45)),
        "journal": r.choice(
            (
                f"the Journal of {_cap(field_)}",
                f"{_cap(w.adjs[-1 - r.randrange(900)])} Medical Review",
                f"the {c['region']} Medical Journal",
            )
        ),
        "funder": f"the {c['region']} Medical Research Council",
        "sites": str(r.randint(10, 200)),
        "share_factor": str(r.randint(10, 60)),
        "trial_n": _num(r.randrange(200, 5000, 50)),
        "prevalence": str(r.randint(2, 20)),
        "age_from": str(age_from),
        "age_to": str(age_from + r.randint(20, 40)),
        "cases": _num(int(participants * r.uniform(0.01, 0.12))),
        "org": university,
        "person": author,
        "speakers": {
            "author": (author, f"a professor of {field_} at {university} who led the study"),
            "expert": (
                expert,
                f"a professor at the University of {c['town3']} who was not involved "
                "in the research",
            ),
            "charity": (charity, f"a spokesperson for the {_cap(condition)} Foundation"),
        },
    }


def _slots_crime(w: _World, r: random.Random, c: dict[str, Any]) -> dict[str, Any]:
    detective, owner, witness, official = (w.person(r) for _ in range(4))
    town = c["town"]
    police = r.choice((f"{c['region']} Police", f"{town} Police"))
    crime, shop, loot = r.choice(
        (
            ("a robbery", "Jewellers", "jewellery"),
            ("an armed raid", "Bank", "cash"),
            ("a break-in", "Electronics", "electronic goods"),
            ("a burglary", "Pharmacy", "medicines"),
            ("a smash-and-grab raid", "Watches", "watches"),
            ("a ram-raid", "Supermarket", "cash"),
            ("a night-time raid", "Cycles", "electric bikes"),
        )
    )
    target = f"{w.last[r.randrange(len(w.last))]} {shop}"
    arrested = r.randint(1, 5)
    nth = r.randint(2, 9)
    return {
        "police": police,
        "crime": crime,
        "crime_cap": _cap(crime),
        "target": target,
        "target_owner": target,
        "loot": loot,
        "loot_cap": _cap(loot),
        "value": _money(10 ** r.uniform(3.7, 6.5)),
        "arrested_people": _people(arrested),
        "gang": _small(r.randint(2, 6)),
        "street": _street(w, r),
        "hour": str(r.randint(5, 11)),
        "age1": str(r.randint(17, 45)),
        "age2": str(r.randint(17, 45)),
        "station": f"{town} police station",
        "detective": detective[0],
        "injured_staff": r.choice(
            ("A member of staff", "A security guard", "A passer-by", "The shop manager")
        ),
        "car_colour": r.choice(("black", "silver", "white", "dark blue", "grey", "red")),
        "cameras": str(r.randint(3, 40)),
        "ref": f"{r.randint(100, 999)} of {_date_text(c['date'])}",
        "nth": _ordinal(nth),
        "nth_count": _small(nth),
        "reward": _money(r.randrange(5, 50) * 1000),
        "court_day": WEEKDAYS[(c["weekday_index"] + r.randint(1, 4)) % 7],
        "org": police,
        "person": detective,
        "speakers": {
            "detective": (detective, f"the detective inspector leading the inquiry for {police}"),
            "owner": (owner, f"the owner of {target}"),
            "witness": (witness, f"a {r.choice(_JOBS)} who saw the raid"),
            "official": (official, f"a superintendent with {police}"),
        },
    }


def _slots_policy(w: _World, r: random.Random, c: dict[str, Any]) -> dict[str, Any]:
    minister, critic, business = w.person(r), w.person(r), w.person(r)
    area, target, problem = r.choice(
        (
            (
                "housing",
                f"{_num(r.randrange(2000, 40000, 500))} new homes",
                f"a shortage of about {_num(r.randrange(5000, 60000, 500))} homes",
            ),
            (
                "transport",
                f"{r.randint(40, 600)} new electric buses",
                "some of the longest commuting times in the country",
            ),
            (
                "schools",
                f"{r.randint(50, 900)} new classrooms",
                f"more than {_num(r.randrange(1000, 20000, 100))} children without a local school place",
            ),
            (
                "health",
                f"{r.randint(100, 2000)} more hospital beds",
                f"waiting lists of {_num(r.randrange(5000, 90000, 500))} patients",
            ),
            (
                "energy",
                f"solar panels on {r.randint(100, 3000)} public buildings",
                "some of the highest energy bills in the country",
            ),
            (
                "childcare",
                f"{_num(r.randrange(1000, 15000, 100))} new nursery places",
                "a shortage of affordable childcare",
            ),
        )
    )
    party = r.choice(_PARTIES)
    if r.random() < 0.5:
        place = c["region"]
        body = f"the {place} Ministry of {_cap(area)}"
        role = f"minister for {area}"
        assembly = f"the {place} Assembly"
    else:
        place = c["town"]
        body = f"{place} City Council"
        role = "council leader"
        assembly = "the full council"
    programme = (
        f"the {r.choice(('Better', 'New', 'Green', 'Fair', 'Future', 'Stronger', 'Smart'))} "
        f"{_cap(area)} {r.choice(('Plan', 'Programme', 'Strategy', 'Deal'))}"
    )
    year = c["year"]
    return {
        "area": area,
        "target": target,
        "target_cap": _cap(target),
        "problem": problem,
        "place": place,
        "body": body,
        "body_cap": _cap(body),
        "minister": minister[0],
        "minister_last": minister[1],
        "minister_role": role,
        "minister_since": str(r.randint(year - 8, year - 1)),
        "programme": programme,
        "budget": _money(10 ** r.uniform(7, 9.5)),
        "target_year": str(year + r.randint(3, 8)),
        "critic": critic[0],
        "critic_role": f"the {area} spokesperson",
        "critic_party": party[0],
        "critique": r.choice(
            (
                "unfunded",
                "a recycled announcement",
                "too little, too late",
                "unrealistic",
                "a pre-election gimmick",
            )
        ),
        "funding_source": r.choice(
            (
                "borrowing",
                "a new levy on large businesses",
                "savings elsewhere in the budget",
                "the sale of public land",
                "national government grants",
            )
        ),
        "consult_weeks": str(r.randint(4, 12)),
        "consult_start": MONTHS[(c["date"].month + r.randint(0, 2)) % 12],
        "jobs": _num(r.randrange(200, 20000, 100)),
        "first_start": f"{MONTHS[r.randrange(12)]} {year + 1}",
        "prev_year": str(r.randint(year - 12, year - 3)),
        "prev_share": str(r.randint(20, 60)),
        "report_months": r.choice(("three", "six", "12")),
        "chamber": f"{place} Chamber of Commerce",
        "assembly": assembly,
        "assembly_cap": _cap(assembly),
        "org": body,
        "person": minister,
        "speakers": {
            "minister": (minister, f"the {role}"),
            "critic": (critic, f"{party[1]} spokesperson on {area}"),
            "business": (business, f"the president of the {place} Chamber of Commerce"),
        },
    }


_SLOTS: dict[str, Callable[[_World, random.Random, dict[str, Any]], dict[str, Any]]] = {
    "fire": _slots_fire,
    "storm": _slots_storm,
    "election": _slots_election,
    "earnings": _slots_earnings,
    "strike": _slots_strike,
    "court": _slots_court,
    "transfer": _slots_transfer,
    "health": _slots_health,
    "crime": _slots_crime,
    "policy": _slots_policy,
}

# ---------------------------------------------------------------------------------------
# Articles
# ---------------------------------------------------------------------------------------

RELATIONS = ("exact", "near-duplicate", "trimmed", "reordered", "rewrite", "same-story")
_ORIGIN, _EXACT, _NEAR, _TRIMMED, _REORDERED, _REWRITE, _SAME = range(7)
_FRESH = (_ORIGIN, _SAME)
# Relation mix of the non-first articles of ordinary multi-article stories.
_REL_MIX = (
    (_EXACT, 0.12),
    (_NEAR, 0.22),
    (_TRIMMED, 0.10),
    (_REORDERED, 0.08),
    (_REWRITE, 0.22),
    (_SAME, 0.26),
)
_WIRE_MIX = ((_EXACT, 0.55), (_NEAR, 0.40), (_TRIMMED, 0.05))
_MIN_WORDS, _MAX_WORDS = 150, 900
_START = dt.date(2023, 1, 1)
SPAN_DAYS = 700
_SINGLETON_SHARE = 0.5
_DISTRACTOR_SHARE = 0.25
_MAX_STORY = 50
_CACHE = 4096
_SUBSTITUTABLE = 0.55

_ATTR_FIRST = (
    '"{q}," said {name}, {desc}.',
    '{name}, {desc}, said: "{q}."',
    '"{q}," {name}, {desc}, told reporters.',
    '"{q}," said {name}.',
)
_ATTR_AGAIN = (
    '"{q}," {last} said.',
    '"{q}," said {last}.',
    '"{q}," {last} added.',
    '{last} said: "{q}."',
)
_STARTERS = frozenset(
    "The A An It Its This That These Those There Some Many Several Both Officials Police Critics "
    "Residents Local Last In Over According No Such Experts Questions Details Around About More "
    "Only Parents Roofs Among Power Rain Forecasters Hospitals Paramedics Crews Clean-up Investors "
    "Sales Shareholders Margins Members Union Managers Workers Pickets Dozens Striking Action "
    "Negotiations Inflation Talks Legal Evidence Lawyers Observers Votes Counting Turnout Voters "
    "Exit Participants Researchers Results Data Funding Because Next Detectives Footage Witnesses "
    "Forensic Part Staff Business Employers Money Work Construction Progress Opposition Roads".split()
)


def _count(s: str) -> int:
    return s.count(" ") + 1


def _doc_words(paras: list[list[str]] | tuple[tuple[str, ...], ...]) -> int:
    return sum(_count(s) for p in paras for s in p)


@dataclass(frozen=True)
class _Doc:
    title: str
    hidx: int
    paras: tuple[tuple[str, ...], ...]
    author: str


@dataclass
class _Story:
    topic: str
    slots: dict[str, str]
    ctx: dict[str, str]
    quotes: list[tuple[str, str, str, str]]  # (surname, quote, full name, description)
    date: dt.date


def _merge(a: str, b: str, lower: frozenset[str]) -> str | None:
    if '"' in a or '"' in b or not a.endswith("."):
        return None
    first, _, rest = b.partition(" ")
    # Lower-case a sentence-initial common word, never a name ("Port Alby", "Vell Foods").
    if first in _STARTERS or (first.lower() in lower and not rest[:1].isupper()):
        b = b[0].lower() + b[1:]
    return f"{a[:-1]}, and {b}"


def _split(s: str) -> list[str]:
    if '"' in s:
        return [s]
    for joint in (", and ", ", but ", ", while "):
        head, sep, tail = s.partition(joint)
        if sep and _count(head) >= 5 and _count(tail) >= 4:
            return [head + ".", _cap(tail)]
    return [s]


class _Builder:
    """Produces article documents for a plan, regenerating sources on demand."""

    def __init__(self, plan: _Plan) -> None:
        self.plan = plan
        self.w = _world()
        self.cache: OrderedDict[int, _Doc] = OrderedDict()
        self.stories: OrderedDict[int, _Story] = OrderedDict()
        needed = np.zeros(plan.n, dtype=bool)
        text_src = plan.src[(plan.src >= 0) & (plan.rel != _SAME)]
        needed[text_src] = True
        self.needed = needed
        span = plan.span_days + 200  # reports follow their story by days at most
        self.dates = [(_START + dt.timedelta(days=d)).isoformat() for d in range(span)]

    # -- stories ------------------------------------------------------------------------
    def story(self, s: int) -> _Story:
        got = self.stories.get(s)
        if got is not None:
            self.stories.move_to_end(s)
            return got
        p, w = self.plan, self.w
        r = random.Random(_mix(p.seed, 3, s))
        town = int(p.s_town[s])
        region = w.town_region[town]
        mates = w.by_region[region]
        town2 = mates[r.randrange(len(mates))] if len(mates) > 1 else (town + 1) % len(w.towns)
        if town2 == town:
            town2 = (
                mates[(mates.index(town) + 1) % len(mates)]
                if len(mates) > 1
                else (town + 1) % len(w.towns)
            )
        date = _START + dt.timedelta(days=int(p.s_day[s]))
        c: dict[str, Any] = {
            "town": w.towns[town],
            "town2": w.towns[town2],
            "town3": w.towns[w.town(r)],
            "region": w.regions[region],
            "weekday": WEEKDAYS[date.weekday()],
            "weekday_index": date.weekday(),
            "date": date,
            "year": date.year,
            "pop": w.town_pop[town],
        }
        topic = TOPICS_ORDER[int(p.s_topic[s])]
        raw = _SLOTS[topic](w, r, c)
        speakers = raw.pop("speakers")
        person = raw.pop("person")
        slots = {
            k: str(v) for k, v in c.items() if k not in ("date", "weekday_index", "year", "pop")
        }
        slots.update(raw)
        slots["pop"] = _num(c["pop"])
        slots["compass"] = ("north", "south", "east", "west", "centre")[town % 5]
        ctx = {
            "town": slots["town"],
            "region": slots["region"],
            "weekday": slots["weekday"],
            "org": raw["org"],
            "name": person[0],
            "last": person[1],
        }
        pool = list(TOPICS[topic]["quotes"])
        picked = r.sample(pool, min(len(pool), r.randint(3, 5)))
        quotes = []
        for key, text in picked:
            (full, last), desc = speakers[key]
            quotes.append((last, text.format_map(slots), full, desc))
        story = _Story(topic, slots, ctx, quotes, date)
        self.stories[s] = story
        if len(self.stories) > _CACHE:
            self.stories.popitem(last=False)
        return story

    # -- documents ------------------------------------------------------------------------
    def doc(self, i: int) -> _Doc:
        got = self.cache.get(i)
        if got is not None:
            self.cache.move_to_end(i)
            return got
        d = self._make(i)
        if self.needed[i]:
            self.cache[i] = d
            if len(self.cache) > _CACHE:
                self.cache.popitem(last=False)
        return d

    def article(self, i: int) -> dict[str, str]:
        p, d = self.plan, self.doc(i)
        return {
            "id": p.article_id(i),
            "title": d.title,
            "text": "\n\n".join(" ".join(par) for par in d.paras),
            "outlet": self.w.outlets[int(p.outlet[i])],
            "published": self.dates[int(p.day[i])],
            "author": d.author,
            "language": "en",
        }

    def _author(self, r: random.Random, outlet: int) -> str:
        if r.random() < 0.04:
            return "Staff reporter"
        staff = self.w.staff[outlet]
        return staff[min(int(r.paretovariate(1.2)) - 1, len(staff) - 1)]

    def _make(self, i: int) -> _Doc:
        p = self.plan
        rel = int(p.rel[i])
        key = _mix(p.seed, 2, i)
        r = random.Random(key)
        story = self.story(int(p.story[i]))
        outlet = int(p.outlet[i])
        if rel in _FRESH:
            ws = _WordSource(self.w, key, story.topic)
            return self._fresh(r, ws, story, int(p.style[i]), int(p.target[i]), outlet)
        src = self.doc(int(p.src[i]))
        ws = _WordSource(self.w, key, story.topic)
        paras = [list(par) for par in src.paras]
        if rel == _EXACT:
            author = src.author if r.random() < 0.4 else self._author(r, outlet)
            title, hidx = self._title(r, story, src, 0.5, 0.2)
            return _Doc(title, hidx, src.paras, author)
        if rel == _NEAR:
            self._edit_words(r, paras, r.randint(2, 6))
            for _ in range(r.randint(1, 2)):
                self._change_sentence(r, ws, story, paras)
            roll = r.random()
            if roll < 0.25:
                a, b = self.w.person(r)[0], self.w.person(r)[0]
                paras.append([f"Reporting by {a}; editing by {b}."])
            elif roll < 0.4:
                paras.append([f"Additional reporting by {self.w.person(r)[0]}."])
            title, hidx = self._title(r, story, src, 0.3, 0.3)
        elif rel == _TRIMMED:
            sizes = [sum(_count(s) for s in par) for par in paras]
            total, options = 0, []
            for k in range(1, len(paras)):
                total += sizes[k - 1]
                if 0.3 <= k / len(paras) <= 0.7 and total >= _MIN_WORDS + 5:
                    options.append(k)
            if not options:  # short source: keep as much as the length floor needs
                total, k = 0, 0
                while k < len(paras) - 1 and total < _MIN_WORDS + 5:
                    total += sizes[k]
                    k += 1
                options = [max(k, 1)]
            paras = paras[: r.choice(options)]
            self._edit_words(r, paras, r.randint(0, 2))
            title, hidx = self._title(r, story, src, 0.4, 0.3)
        elif rel == _REORDERED:
            head = 1 if r.random() < 0.6 else 0
            rest = paras[head:]
            if len(rest) >= 2:
                order = list(range(len(rest)))
                for _ in range(5):
                    r.shuffle(order)
                    if order != sorted(order):
                        break
                paras = paras[:head] + [rest[k] for k in order]
            self._edit_words(r, paras, r.randint(1, 4))
            title, hidx = self._title(r, story, src, 0.4, 0.3)
        else:
            paras = self._rewrite(r, ws, story, paras)
            title, hidx = self._title(r, story, src, 0.0, 0.0)
        self._fit(r, ws, story, paras)
        return _Doc(title, hidx, tuple(tuple(par) for par in paras), self._author(r, outlet))

    def _title(
        self, r: random.Random, story: _Story, src: _Doc, keep: float, decorate: float
    ) -> tuple[str, int]:
        roll = r.random()
        if roll < keep:
            return src.title, src.hidx
        if roll < keep + decorate:
            if r.random() < 0.5:
                prefix = r.choice(
                    ("UPDATE 1-", "UPDATE 2-", "UPDATED: ", f"{story.slots['town']}: ")
                )
                return prefix + src.title, src.hidx
            return src.title + r.choice(
                (" - reports", " (update)", " - latest", ", officials say")
            ), src.hidx
        heads = TOPICS[story.topic]["headlines"]
        hidx = (src.hidx + 1 + r.randrange(len(heads) - 1)) % len(heads)
        return _cap(heads[hidx].format_map(story.slots)), hidx

    def _filler(self, r: random.Random, ws: _WordSource, story: _Story) -> str:
        if r.random() < 0.04:
            return _cap(r.choice(STOCK).format_map(story.slots))
        return ws.sentence(r.choice(self.w.frames), story.ctx)

    def _fresh(
        self, r: random.Random, ws: _WordSource, story: _Story, style: int, target: int, outlet: int
    ) -> _Doc:
        topic = TOPICS[story.topic]
        slots = story.slots
        leads, facts = topic["leads"], topic["facts"]
        li = style % len(leads) if r.random() < 0.75 else r.randrange(len(leads))
        lead = _cap(leads[li].format_map(slots))
        if outlet < len(self.w.wires):
            # Wire datelines carry the event date, which every report of the story shares.
            dateline = f"{slots['town'].upper()}, {_date_text(story.date)}"
            lead = f"{dateline} ({self.w.outlets[outlet]}) — {lead}"
        elif slots["town"] not in lead or r.random() < 0.25:  # every report names the place
            lead = f"{slots['town'].upper()} — {lead}"
        order = sorted(range(len(facts)), key=lambda k: k + r.uniform(0, 6))
        quotes = r.sample(story.quotes, min(len(story.quotes), r.randint(2, 4)))
        quoted: set[str] = set()
        paras = [[lead]]
        n = _count(lead)
        fi = qi = 0

        def fact() -> str:
            nonlocal fi
            k = order[fi]
            fi += 1
            phr = facts[k]
            j = (style + k) % len(phr) if r.random() < 0.85 else r.randrange(len(phr))
            return _cap(phr[j].format_map(slots))

        def quote() -> str:
            nonlocal qi
            last, q, full, desc = quotes[qi]
            qi += 1
            forms = _ATTR_AGAIN if last in quoted else _ATTR_FIRST
            quoted.add(last)
            return r.choice(forms).format(q=q, name=full, last=last, desc=desc)

        while n < target:
            roll = r.random()
            if fi < len(order) and roll < 0.6:
                para = [fact()]
                if r.random() < 0.45:
                    para.append(
                        fact()
                        if fi < len(order) and r.random() < 0.6
                        else self._filler(r, ws, story)
                    )
            elif qi < len(quotes) and roll < 0.8:
                para = [quote()]
                if r.random() < 0.35:
                    para.append(self._filler(r, ws, story))
            else:
                para = [self._filler(r, ws, story) for _ in range(r.randint(1, 3))]
            kept = []
            for s in para:
                kept.append(s)
                n += _count(s)
                if n >= target:
                    break
            paras.append(kept)
        heads = topic["headlines"]
        hidx = (style * 2 + r.randrange(2)) % len(heads)
        title = _cap(heads[hidx].format_map(slots))
        return _Doc(title, hidx, tuple(tuple(par) for par in paras), self._author(r, outlet))

    def _edit_words(self, r: random.Random, paras: list[list[str]], k: int) -> None:
        syn = self.w.synonyms
        for _ in range(k):
            for _attempt in range(4):
                par = paras[r.randrange(len(paras))]
                si = r.randrange(len(par))
                toks = par[si].split(" ")
                cands = [j for j, t in enumerate(toks) if t in syn]
                if cands:
                    j = r.choice(cands)
                    toks[j] = syn[toks[j]]
                    par[si] = " ".join(toks)
                    break

    def _reword(self, r: random.Random, s: str, rate: float) -> str:
        syn = self.w.synonyms
        rnd = r.random
        toks = s.split(" ")
        for j, t in enumerate(toks):
            alt = syn.get(t)
            if alt is not None and rnd() < rate:
                toks[j] = alt
        alt = self.w.synonyms_cap.get(toks[0])
        if alt is not None and rnd() < rate:
            toks[0] = alt
        return " ".join(toks)

    def _change_sentence(
        self, r: random.Random, ws: _WordSource, story: _Story, paras: list[list[str]]
    ) -> None:
        pi = r.randrange(len(paras))
        par = paras[pi]
        si = r.randrange(len(par))
        roll = r.random()
        if roll < 0.4:
            par[si] = self._filler(r, ws, story)
        elif roll < 0.8 or len(par) == 1:
            par[si] = self._reword(r, par[si], 0.5)
        else:
            del par[si]

    def _rewrite(
        self, r: random.Random, ws: _WordSource, story: _Story, paras: list[list[str]]
    ) -> list[list[str]]:
        # 25-40% of content words; about 55% of content words have a synonym to swap in.
        rate = r.uniform(0.25, 0.40) / _SUBSTITUTABLE
        out: list[str] = []
        for k, s in enumerate(s for par in paras for s in par):
            if k > 0 and r.random() < 0.12:
                continue
            if '"' not in s or r.random() < 0.3:
                s = self._reword(r, s, rate)
            if k > 0 and r.random() < 0.3:
                out.extend(_split(s))
            else:
                out.append(s)
            if r.random() < 0.08:
                out.append(self._filler(r, ws, story))
        merged: list[str] = []
        for s in out:
            if merged and len(merged) > 1 and r.random() < 0.12:
                joined = _merge(merged[-1], s, self.w.lowercase)
                if joined is not None:
                    merged[-1] = joined
                    continue
            merged.append(s)
        lead = 2 if r.random() < 0.3 and len(merged) > 2 else 1
        result = [merged[:lead]]
        k = lead
        while k < len(merged):
            size = r.choice((1, 2, 2, 3))
            result.append(merged[k : k + size])
            k += size
        for _ in range(r.randint(1, 3)):
            if len(result) > 3:
                a, b = r.sample(range(1, len(result)), 2)
                result[a], result[b] = result[b], result[a]
        return result

    def _fit(
        self, r: random.Random, ws: _WordSource, story: _Story, paras: list[list[str]]
    ) -> None:
        """Keep derived articles within the length bounds."""
        n = _doc_words(paras)
        while n > _MAX_WORDS:
            n -= _count(paras[-1].pop())
            if not paras[-1]:
                paras.pop()
        while n < _MIN_WORDS:
            s = self._filler(r, ws, story)
            paras.append([s])
            n += _count(s)


TOPICS_ORDER = tuple(TOPICS)


# ---------------------------------------------------------------------------------------
# The plan: stories, articles, relations and output order (no text).
# ---------------------------------------------------------------------------------------


@dataclass
class _Plan:
    n: int
    seed: int
    story: np.ndarray
    rel: np.ndarray
    src: np.ndarray
    day: np.ndarray
    outlet: np.ndarray
    style: np.ndarray
    target: np.ndarray
    s_topic: np.ndarray
    s_day: np.ndarray
    s_town: np.ndarray
    s_start: np.ndarray
    distractors: list[tuple[int, int]]
    perm: np.ndarray
    pos: np.ndarray
    width: int
    span_days: int

    def article_id(self, i: int) -> str:
        return f"a{int(self.pos[i]) + 1:0{self.width}d}"

    def story_id(self, s: int) -> str:
        return f"s{s + 1:0{self.width}d}"


def _make_plan(n: int, seed: int, span_days: int = SPAN_DAYS) -> _Plan:
    if n < 1:
        raise ValueError("n must be positive")
    if span_days < 1:
        raise ValueError("span_days must be positive")
    w = _world()
    r = random.Random(_mix(seed, 1))
    wire_sizes: list[int] = []
    if n >= 10_000:
        wire_sizes.append(max(100, round(0.005 * n)))
    if n >= 50_000:
        wire_sizes.append(max(100, round(0.003 * n)))
    rest = n - sum(wire_sizes)
    singles = round(rest * _SINGLETON_SHARE)
    multi_total = rest - singles
    size_cum = list(itertools.accumulate(k**-2.1 for k in range(2, _MAX_STORY + 1)))
    sizes: list[int] = []
    total = 0
    while total < multi_total:
        k = 2 + bisect.bisect(size_cum, r.random() * size_cum[-1])
        k = min(k, multi_total - total)
        if k == 1:
            if sizes:
                sizes[r.randrange(len(sizes))] += 1
            else:
                singles += 1
        else:
            sizes.append(k)
        total += k
    kinds = [(True, k) for k in wire_sizes] + [(False, k) for k in sizes] + [(False, 1)] * singles
    r.shuffle(kinds)

    topic_weights = list(itertools.accumulate(TOPICS[t]["weight"] for t in TOPICS_ORDER))
    wire_count = len(w.wires)
    locals_ = list(range(wire_count, len(w.outlets)))

    s_topic: list[int] = []
    s_day: list[int] = []
    s_town: list[int] = []
    s_start: list[int] = []
    story: list[int] = []
    rel: list[int] = []
    src: list[int] = []
    day: list[int] = []
    outlet: list[int] = []
    style: list[int] = []
    target: list[int] = []
    depth: list[int] = []
    distractors: list[tuple[int, int]] = []

    def length() -> int:
        return int(min(850, max(160, math.exp(r.gauss(math.log(400), 0.38)))))

    def weighted(mix: tuple[tuple[int, float], ...]) -> int:
        x = r.random() * sum(wt for _, wt in mix)
        for kind, wt in mix:
            x -= wt
            if x < 0:
                return kind
        return mix[-1][0]

    for s, (wire, k) in enumerate(kinds):
        base = None
        if not wire and s > 0 and r.random() < _DISTRACTOR_SHARE:
            base = r.randrange(max(0, s - 300), s)
        if base is not None:
            topic = s_topic[base]
            sday = min(span_days - 1, max(0, s_day[base] + r.randint(-3, 4)))
            town = w.town(r)
            while town == s_town[base]:
                town = w.town(r)
            distractors.append((base, s))
        else:
            topic = bisect.bisect(topic_weights, r.random() * topic_weights[-1])
            sday = r.randrange(span_days)
            town = w.town(r)
        s_topic.append(topic)
        s_day.append(sday)
        s_town.append(town)
        first = len(rel)
        s_start.append(first)
        # The first report.
        story.append(s)
        rel.append(_ORIGIN)
        src.append(-1)
        day.append(sday)
        outlet.append(r.randrange(wire_count) if wire or r.random() < 0.06 else w.outlet(r))
        style.append(r.randrange(3))
        target.append(max(420, length()) if wire else length())
        depth.append(0)
        if wire:  # reprinted by as many different outlets as there are
            copy_outlets = locals_[:]
            r.shuffle(copy_outlets)
        for j in range(1, k):
            kind = weighted(_WIRE_MIX if wire else _REL_MIX)
            earlier = range(first, first + j)
            if kind == _SAME:
                source = (
                    first
                    if r.random() < 0.7
                    else r.choice([a for a in earlier if rel[a] in _FRESH])
                )
            elif kind == _TRIMMED:
                ok = [first] if target[first] >= 330 else []
                if not ok or r.random() >= 0.6:
                    ok += [a for a in earlier if rel[a] == _SAME and target[a] >= 330]
                if ok:
                    source = r.choice(ok)
                else:
                    kind = _NEAR
            if kind in (_EXACT, _NEAR, _REORDERED, _REWRITE):
                source = first
                if r.random() >= (0.85 if wire else 0.5):
                    allowed = (_ORIGIN, _SAME, _NEAR) if kind == _REWRITE else tuple(range(7))
                    for _ in range(20):  # a random earlier article that is not too derived
                        a = first + r.randrange(j)
                        if depth[a] <= 2 and rel[a] in allowed:
                            source = a
                            break
            story.append(s)
            rel.append(kind)
            src.append(source)
            late = 7 if kind in (_REWRITE, _SAME) else 3
            day.append(day[source] + r.randint(0, late))
            if wire:
                out = copy_outlets[(j - 1) % len(copy_outlets)]
            else:
                out = w.outlet(r)
                while out == outlet[source]:
                    out = w.outlet(r)
            outlet.append(out)
            if kind == _SAME:
                style.append((style[source] + 1 + r.randrange(2)) % 3)
                target.append(length())
                depth.append(0)
            else:
                style.append(style[source])
                target.append(target[source])
                depth.append(depth[source] + 1)

    story_a = np.array(story, dtype=np.int32)
    g = np.random.default_rng(_mix(seed, 4))
    perm = g.permutation(n)
    if n > 2:
        # Related articles should not sit next to each other in the file.
        for _ in range(100):
            st = story_a[perm]
            bad = np.nonzero(st[1:] == st[:-1])[0] + 1
            if not len(bad):
                break
            for b, o in zip(bad.tolist(), g.integers(0, n, size=len(bad)).tolist(), strict=True):
                perm[b], perm[o] = perm[o], perm[b]
    pos = np.empty(n, dtype=np.int64)
    pos[perm] = np.arange(n)
    return _Plan(
        n=n,
        seed=seed,
        story=story_a,
        rel=np.array(rel, dtype=np.int8),
        src=np.array(src, dtype=np.int64),
        day=np.array(day, dtype=np.int32),
        outlet=np.array(outlet, dtype=np.int32),
        style=np.array(style, dtype=np.int8),
        target=np.array(target, dtype=np.int32),
        s_topic=np.array(s_topic, dtype=np.int16),
        s_day=np.array(s_day, dtype=np.int32),
        s_town=np.array(s_town, dtype=np.int32),
        s_start=np.array(s_start, dtype=np.int64),
        distractors=distractors,
        perm=perm,
        pos=pos,
        width=max(6, len(str(n))),
        span_days=span_days,
    )


# ---------------------------------------------------------------------------------------
# Gold and the public API
# ---------------------------------------------------------------------------------------


@dataclass
class Gold:
    """The gold standard of a corpus: which articles tell the same story, and how each
    derived article relates to its source."""

    articles: int
    seed: int
    stories: dict[str, list[str]]  # story id -> article ids
    links: list[tuple[str, str, str]]  # (derived id, source id, relation)
    topics: dict[str, str]  # story id -> topic
    distractors: list[tuple[str, str]] = field(default_factory=list)  # same-topic story pairs
    places: dict[str, str] = field(default_factory=dict)  # story id -> town of the event
    span_days: int = SPAN_DAYS  # the days the stories' first reports spread over

    @property
    def relations(self) -> dict[str, int]:
        counts = Counter(rel for _, _, rel in self.links)
        return {rel: counts.get(rel, 0) for rel in RELATIONS}

    def story_of(self) -> dict[str, str]:
        return {a: s for s, ids in self.stories.items() for a in ids}

    def size_histogram(self) -> dict[str, int]:
        bins = ((1, 1), (2, 5), (6, 9), (10, 50), (51, 10**9))
        sizes = [len(ids) for ids in self.stories.values()]
        out = {}
        for lo, hi in bins:
            label = str(lo) if lo == hi else (f"{lo}-{hi}" if hi < 10**9 else f">{lo - 1}")
            out[label] = sum(lo <= k <= hi for k in sizes)
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "seed": self.seed,
            "stories": self.stories,
            "links": [list(link) for link in self.links],
            "relations": self.relations,
            "topics": self.topics,
            "distractors": [list(pair) for pair in self.distractors],
            "places": self.places,
            "span_days": self.span_days,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Gold:
        return cls(
            articles=data["articles"],
            seed=data["seed"],
            stories=data["stories"],
            links=[(d, s, rel) for d, s, rel in data["links"]],
            topics=data["topics"],
            distractors=[(a, b) for a, b in data.get("distractors", [])],
            places=data.get("places", {}),
            span_days=data.get("span_days", SPAN_DAYS),
        )


def _gold(plan: _Plan) -> Gold:
    ids = [f"a{k + 1:0{plan.width}d}" for k in range(plan.n)]
    pos = plan.pos.tolist()
    n_stories = len(plan.s_start)
    members: list[list[str]] = [[] for _ in range(n_stories)]
    for i, s in enumerate(plan.story.tolist()):
        members[s].append(ids[pos[i]])
    stories = {plan.story_id(s): sorted(m) for s, m in enumerate(members)}
    rel, src = plan.rel.tolist(), plan.src.tolist()
    links = sorted(
        (ids[pos[i]], ids[pos[src[i]]], RELATIONS[rel[i] - 1]) for i in range(plan.n) if rel[i] > 0
    )
    topics = {plan.story_id(s): TOPICS_ORDER[t] for s, t in enumerate(plan.s_topic.tolist())}
    pairs = [(plan.story_id(a), plan.story_id(b)) for a, b in plan.distractors]
    towns = _world().towns
    places = {plan.story_id(s): towns[t] for s, t in enumerate(plan.s_town.tolist())}
    return Gold(plan.n, plan.seed, stories, links, topics, pairs, places, plan.span_days)


class Corpus:
    """A generated corpus: iterate for the articles (in file order), ``gold`` for the truth."""

    def __init__(self, n: int, seed: int = 1, span_days: int = SPAN_DAYS) -> None:
        self.n = n
        self.seed = seed
        self._plan = _make_plan(n, seed, span_days)
        self._gold: Gold | None = None

    @property
    def gold(self) -> Gold:
        if self._gold is None:
            self._gold = _gold(self._plan)
        return self._gold

    def __len__(self) -> int:
        return self.n

    def __iter__(self) -> Iterator[dict[str, str]]:
        builder = _Builder(self._plan)
        for i in self._plan.perm.tolist():
            yield builder.article(i)


def generate(n: int, seed: int = 1, span_days: int = SPAN_DAYS) -> Iterator[dict[str, str]]:
    """The ``n`` articles of corpus ``seed``, in file order, one at a time."""
    return iter(Corpus(n, seed, span_days))


def gold(n: int, seed: int = 1) -> Gold:
    """The gold standard of corpus (``n``, ``seed``), without generating any text."""
    return Corpus(n, seed).gold


def generate_corpus(
    n: int, seed: int = 1, span_days: int = SPAN_DAYS
) -> tuple[list[dict[str, str]], Gold]:
    """All articles in memory plus the gold (for small ``n``)."""
    corpus = Corpus(n, seed, span_days)
    return list(corpus), corpus.gold


def gold_path(path: str | Path) -> Path:
    """``bench/data/corpus-10k.jsonl`` -> ``bench/data/corpus-10k.gold.json``."""
    path = Path(path)
    return path.with_name(path.stem + ".gold.json")


def write(
    n: int, seed: int, path: str | Path, progress: bool = False, span_days: int = SPAN_DAYS
) -> Gold:
    """Write the corpus as JSON lines to ``path`` and its gold next to it; return the gold."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(n, seed, span_days)
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    started = time.perf_counter()
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for k, article in enumerate(corpus, 1):
            out.write(dumps(article))
            out.write("\n")
            if progress and k % 50_000 == 0:
                rate = k / (time.perf_counter() - started)
                print(f"  {k:,} articles, {rate:,.0f}/s", file=sys.stderr)
    g = corpus.gold
    with gold_path(path).open("w", encoding="utf-8", newline="\n") as out:
        json.dump(g.to_json(), out, ensure_ascii=False, separators=(",", ":"))
        out.write("\n")
    return g


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", "-n", type=int, required=True, help="number of articles")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", required=True, help="corpus path (.jsonl)")
    parser.add_argument(
        "--span-days",
        type=int,
        default=SPAN_DAYS,
        help=f"days the stories spread over (default {SPAN_DAYS}); fewer for a denser corpus",
    )
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    g = write(args.articles, args.seed, args.output, not args.quiet, args.span_days)
    elapsed = time.perf_counter() - started
    if not args.quiet:
        out = Path(args.output)
        singles = sum(len(ids) == 1 for ids in g.stories.values())
        print(
            f"{args.articles:,} articles in {elapsed:.1f}s ({args.articles / elapsed:,.0f}/s); "
            f"{len(g.stories):,} stories, singleton share {singles / args.articles:.2f}\n"
            f"relations: {g.relations}\nstory sizes: {g.size_histogram()}\n"
            f"{out} {out.stat().st_size / 1e6:.1f} MB, {gold_path(out)} "
            f"{gold_path(out).stat().st_size / 1e6:.1f} MB",
            file=sys.stderr,
        )


if __name__ == "__main__":
    main()
