"""Our own facts added to the gazetteer at load time: landmarks that stand for a city, and sea areas.

- LANDMARKS: a building, compound or institution named for the city it stands in ('talks in the Kremlin',
  'met at the White House'). Each resolves to its city: the coordinates, division and GeoNames id of
  the city's gazetteer entry, looked up when the gazetteer loads (never typed in here).
- SEA_AREAS: parts of oceans that news names on their own ('the Western Pacific'), with a bounding box
  (south, west, north, east; west > east crosses the antimeridian) whose middle is their point.
- BLOCS: unions of states that news names as places ('the ninth country in the EU', 'airports across the
  EU'), at their geographic centre, with their member states.
- OCEAN_POINTS: true centres of the oceans (the coordinates reference works give for each ocean), with
  their bounding boxes, replacing the rough points of the regions table.

Facts of common knowledge, written for this project; no source file is read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .names import normalize

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

# landmark names (;-separated, the first is its own) | city (/its first-level division) | ISO3 of the city
LANDMARKS = """
Kremlin;the Kremlin;Moscow Kremlin|Moscow|RUS
Red Square|Moscow|RUS
Lubyanka|Moscow|RUS
White House;the White House|Washington|USA
Oval Office|Washington|USA
Pentagon;the Pentagon|Arlington/Virginia|USA
Capitol Hill;US Capitol;U.S. Capitol|Washington|USA
Foggy Bottom|Washington|USA
Camp David|Thurmont/Maryland|USA
UN headquarters;U.N. headquarters;United Nations headquarters;UN General Assembly|New York City|USA
Wall Street|New York City|USA
Downing Street;10 Downing Street|London|GBR
Whitehall|London|GBR
Buckingham Palace|London|GBR
Zhongnanhai|Beijing|CHN
Great Hall of the People|Beijing|CHN
Diaoyutai State Guesthouse;Diaoyutai|Beijing|CHN
Tiananmen Square;Tiananmen|Beijing|CHN
Elysee Palace;Elysee;Élysée Palace;Élysée|Paris|FRA
Quai d'Orsay|Paris|FRA
German Chancellery;Bundeskanzleramt|Berlin|DEU
Bundestag;Reichstag|Berlin|DEU
Berlaymont|Brussels|BEL
NATO headquarters|Brussels|BEL
Palais des Nations|Geneva|CHE
Hofburg|Vienna|AUT
Blue House;Cheong Wa Dae|Seoul|KOR
Yongsan presidential office|Seoul|KOR
Kantei;Akasaka Palace|Tokyo|JPN
Rashtrapati Bhavan;Hyderabad House;South Block|New Delhi|IND
Mariinsky Palace;Bankova|Kyiv|UKR
Ak Orda|Astana|KAZ
Knesset|Jerusalem|ISR
Apostolic Palace;St Peter's Square;Saint Peter's Square|Vatican City|VAT
"""

# name | alternate names (;) | south | west | north | east | type
SEA_AREAS = """
Western Pacific|west pacific;western pacific ocean|-10|110|50|180|sea
Eastern Pacific|east pacific;eastern pacific ocean|-30|-130|35|-75|sea
North Pacific|north pacific ocean|0|120|66|-110|sea
South Pacific|south pacific ocean|-60|150|0|-70|sea
North Atlantic|north atlantic ocean|0|-80|66|0|sea
South Atlantic|south atlantic ocean|-60|-65|0|20|sea
"""

# name | alternate names (;) | lat | lon | member states (ISO3, space-separated). The EU's point is its
# geographic centre since 2020 (Gadheim, Lower Franconia).
BLOCS = """
European Union|EU;E.U.|49.84|9.90|AUT BEL BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN IRL ITA LVA LTU LUX \
MLT NLD POL PRT ROU SVK SVN ESP SWE
"""

# ocean | lat | lon | south | west | north | east
OCEAN_POINTS = """
Pacific Ocean|0|-160|-60|120|66|-70
Atlantic Ocean|0|-25|-60|-80|66|20
Indian Ocean|-20|80|-60|20|30|120
Arctic Ocean|90|0|66|-180|90|180
Southern Ocean|-65|90|-90|-180|-60|180
"""


def _rows(table: str) -> list[list[str]]:
    """The non-empty lines of a '|' table, split into fields."""
    return [line.split("|") for line in table.strip().splitlines()]


def _middle(south: float, west: float, north: float, east: float) -> tuple[float, float]:
    """The middle of a bounding box, across the antimeridian when west > east."""
    if west > east:
        east += 360.0
    lon = (west + east) / 2
    return (south + north) / 2, lon - 360.0 if lon > 180 else lon


def bloc_names() -> frozenset[str]:
    """The gazetteer names of the blocs ('European Union')."""
    return frozenset(row[0] for row in _rows(BLOCS))


def amend_regions(regions: list[dict]) -> list[dict]:
    """The regions table with true ocean centres and boxes, sea areas and blocs keyed on their own names."""
    areas = _rows(SEA_AREAS)
    taken = {normalize(n) for name, alts, *_ in areas for n in [name, *alts.split(";")]}
    points = {name: tuple(float(x) for x in rest) for name, *rest in _rows(OCEAN_POINTS)}
    out = []
    for reg in regions:
        reg = dict(reg)
        reg["keys"] = [k for k in reg["keys"] if k.lstrip("=") not in taken]
        if reg["name"] in points:
            lat, lon, *box = points[reg["name"]]
            reg["lat"], reg["lon"], reg["bbox"] = lat, lon, box
        out.append(reg)
    for name, alts, south, west, north, east, kind in areas:
        box = [float(south), float(west), float(north), float(east)]
        lat, lon = _middle(*box)
        keys = [normalize(name), *(normalize(a) for a in alts.split(";") if a)]
        out.append({"name": name, "keys": keys, "lat": lat, "lon": lon, "countries": [], "type": kind, "bbox": box})
    for name, alts, lat, lon, members in _rows(BLOCS):
        keys = [normalize(name), *("=" + normalize(a) for a in alts.split(";") if a)]  # the acronym is its name too
        out.append(
            {"name": name, "keys": keys, "lat": float(lat), "lon": float(lon), "countries": members.split(),
             "type": "region"}
        )
    return out


def add_landmarks(gaz: Gazetteer) -> int:
    """Index every landmark under its names, as an entry of its city; the number added."""
    added = 0
    for names, city_field, iso3 in _rows(LANDMARKS):
        city_name, _, admin1 = city_field.partition("/")
        cities = [
            p
            for p, _alt in gaz.lookup(city_name)
            if p.country == iso3 and p.feature in ("PPL", "PPLC") and (not admin1 or p.admin1 == admin1)
        ]
        if not cities:
            continue
        city = max(cities, key=lambda p: (p.feature == "PPLC", p.population))
        keys = [("=" if i else "") + normalize(n) for i, n in enumerate(names.split(";"))]
        gaz.add_place(city.name, "landmark", iso3, city.admin1, city.lat, city.lon, 0, city.geonameid, keys)
        added += 1
    return added
