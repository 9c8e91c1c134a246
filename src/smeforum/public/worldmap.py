"""A server-rendered SVG map of sister-city links: country outlines from the vendored
world-atlas TopoJSON (Natural Earth 1:110m), city dots and curved links, no tiles, no network.

The TopoJSON is decoded once per process: its arcs are quantised and delta-encoded, so each arc
is a running sum of integer steps, scaled and translated by the file's transform. Rings refer to
arcs by index (a negative index ``~i`` is arc ``i`` reversed, without repeating the shared
point). The map uses an equirectangular projection with the mean latitude of the view as
standard parallel, cropped to the links' extent with padding (e.g. Central Europe to China).
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from smeforum.reference.countries import get_country

ATLAS_DIR = Path(__file__).resolve().parent / "static" / "vendored" / "world-atlas-2.0.2"
ATLAS_FILE = ATLAS_DIR / "countries-110m.json"

WIDTH = 960.0
MIN_RATIO, MAX_RATIO = 0.42, 0.8  # height / width
MIN_LON_SPAN, MIN_LAT_SPAN = 30.0, 14.0
LABEL_SIZE = 12.0
STAGES = ("signed", "letter_of_intent", "intent")

Point = tuple[float, float]


# --- TopoJSON ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CountryShape:
    numeric: str  # ISO 3166-1 numeric ("156"), empty for territories without one
    name: str
    rings: tuple[tuple[Point, ...], ...]  # (lon, lat) rings, outer and holes alike
    bbox: tuple[float, float, float, float]  # lon_min, lat_min, lon_max, lat_max


def decode_arcs(topology: dict) -> list[list[Point]]:
    """The topology's arcs as absolute (lon, lat) points: undo the delta encoding, then apply
    the quantisation transform."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for step in arc:
            if transform:
                x += step[0]
                y += step[1]
                (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
                points.append((x * sx + tx, y * sy + ty))
            else:
                points.append((float(step[0]), float(step[1])))
        arcs.append(points)
    return arcs


def _ring(indexes: Sequence[int], arcs: list[list[Point]]) -> tuple[Point, ...]:
    points: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return tuple(points)


@functools.cache
def countries() -> tuple[CountryShape, ...]:
    """Every country of the vendored atlas, decoded once per process."""
    topology = json.loads(ATLAS_FILE.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = tuple(_ring(ring, arcs) for polygon in polygons for ring in polygon)
        lons = [p[0] for ring in rings for p in ring]
        lats = [p[1] for ring in rings for p in ring]
        shapes.append(
            CountryShape(
                numeric=str(geometry.get("id") or ""),
                name=geometry.get("properties", {}).get("name", ""),
                rings=rings,
                bbox=(min(lons), min(lats), max(lons), max(lats)),
            )
        )
    return tuple(shapes)


# --- projection -------------------------------------------------------------------------------


@dataclass(frozen=True)
class View:
    """An equirectangular window onto the world, ``width`` × ``height`` SVG units."""

    lon_min: float
    lon_max: float
    lat_min: float
    lat_max: float
    width: float = WIDTH

    @property
    def stretch(self) -> float:
        """cos of the standard parallel: how much a degree of longitude is narrower."""
        return math.cos(math.radians((self.lat_min + self.lat_max) / 2))

    @property
    def scale(self) -> float:
        return self.width / ((self.lon_max - self.lon_min) * self.stretch)

    @property
    def height(self) -> float:
        return (self.lat_max - self.lat_min) * self.scale

    def project(self, lon: float, lat: float) -> Point:
        return (
            (lon - self.lon_min) * self.stretch * self.scale,
            (self.lat_max - lat) * self.scale,
        )

    def sees(self, bbox: tuple[float, float, float, float]) -> bool:
        lon_min, lat_min, lon_max, lat_max = bbox
        return not (
            lon_max < self.lon_min
            or lon_min > self.lon_max
            or lat_max < self.lat_min
            or lat_min > self.lat_max
        )


def fit_view(points: Sequence[Point]) -> View:
    """A view of the (lon, lat) ``points`` with padding, not too thin nor too tall."""
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    lon_min, lon_max, lat_min, lat_max = min(lons), max(lons), min(lats), max(lats)
    lon_pad = max((lon_max - lon_min) * 0.08, 6.0)
    lat_pad = max((lat_max - lat_min) * 0.15, 6.0)
    lon_min, lon_max = lon_min - lon_pad, lon_max + lon_pad
    lat_min, lat_max = lat_min - lat_pad, lat_max + lat_pad
    lon_min, lon_max = _widen(lon_min, lon_max, MIN_LON_SPAN)
    lat_min, lat_max = _widen(lat_min, lat_max, MIN_LAT_SPAN)
    view = View(lon_min, lon_max, lat_min, lat_max)
    ratio = view.height / view.width
    if ratio < MIN_RATIO:
        lat_span = (lat_max - lat_min) * MIN_RATIO / ratio
        lat_min, lat_max = _widen(lat_min, lat_max, lat_span)
    elif ratio > MAX_RATIO:
        lon_span = (lon_max - lon_min) * ratio / MAX_RATIO
        lon_min, lon_max = _widen(lon_min, lon_max, lon_span)
    lon_min, lon_max = max(lon_min, -180.0), min(lon_max, 180.0)
    lat_min, lat_max = max(lat_min, -85.0), min(lat_max, 85.0)
    return View(lon_min, lon_max, lat_min, lat_max)


def _widen(low: float, high: float, span: float) -> tuple[float, float]:
    if high - low >= span:
        return low, high
    middle = (low + high) / 2
    return middle - span / 2, middle + span / 2


# --- the map ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MapCity:
    key: str
    name: str
    country: str  # ISO alpha-2
    lon: float
    lat: float

    @property
    def chinese(self) -> bool:
        return self.country == "CN"


@dataclass(frozen=True)
class MapLink:
    chinese: MapCity
    foreign: MapCity
    stage: str  # one of STAGES
    title: str  # the tooltip: “Cangzhou – Nitra (Slovakia): letter of intent”


@dataclass(frozen=True)
class MapText:
    title: str
    desc: str
    legend: dict[str, str]  # stage → label
    chinese_city: str
    foreign_city: str
    empty: str


def _fmt(value: float) -> str:
    text = f"{value:.1f}"
    return "0" if text == "-0.0" else text.removesuffix(".0")


def _path(points: Sequence[Point]) -> str:
    parts = []
    last = None
    for x, y in points:
        here = (_fmt(x), _fmt(y))
        if here != last:
            parts.append(f"{here[0]},{here[1]}")
            last = here
    if len(parts) < 3:
        return ""
    return "M" + "L".join(parts) + "Z"


def _country_paths(view: View, highlight: set[str]) -> SafeString:
    rows = []
    for shape in countries():
        if not view.sees(shape.bbox):
            continue
        d = "".join(_path([view.project(*p) for p in ring]) for ring in shape.rings)
        if not d:
            continue
        css = "map-land map-partner" if shape.numeric in highlight else "map-land"
        rows.append((css, d, shape.name))
    return format_html_join("", '<path class="{}" d="{}"><title>{}</title></path>', rows)


def _curve(a: Point, b: Point, bend: float) -> tuple[str, Point]:
    """A quadratic Bézier from ``a`` to ``b`` bulging upwards by ``bend`` of its length; its
    path and control point."""
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / length, dx / length
    if ny > 0:  # point the bulge up the page
        nx, ny = -nx, -ny
    cx, cy = mx + nx * length * bend, my + ny * length * bend
    return (
        f"M{_fmt(a[0])},{_fmt(a[1])}Q{_fmt(cx)},{_fmt(cy)} {_fmt(b[0])},{_fmt(b[1])}",
        (cx, cy),
    )


def _text_width(text: str) -> float:
    return sum(LABEL_SIZE if ord(ch) > 0x2E7F else LABEL_SIZE * 0.6 for ch in text)


Box = tuple[float, float, float, float]  # x0, y0, x1, y1


def _overlaps(a: Box, b: Box) -> bool:
    return not (a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1])


# (dx, dy of the text baseline anchor, text-anchor) tried in order around a dot
_NEAR = [(8, 4, "start"), (-8, 4, "end"), (0, -8, "middle"), (0, 17, "middle")]
_FAR = [
    (dx, dy, anchor)
    for dy in (-14, 22, -26, 34, -38, 46)
    for dx, anchor in ((10, "start"), (-10, "end"))
]


def _place_labels(
    dots: list[tuple[MapCity, Point]], width: float, height: float, blocked: list[Box]
) -> list[tuple[MapCity, Point, float, float, str, bool]]:
    """Greedy label placement: near the dot if free, else further off with a leader line."""
    placed: list[Box] = list(blocked)
    result = []
    for city, (x, y) in dots:
        text_w = _text_width(city.name)
        choice = None
        for far, candidates in ((False, _NEAR), (True, _FAR)):
            for dx, dy, anchor in candidates:
                tx, ty = x + dx, y + dy
                x0 = (
                    tx if anchor == "start" else tx - text_w if anchor == "end" else tx - text_w / 2
                )
                box = (x0 - 1, ty - LABEL_SIZE + 1, x0 + text_w + 1, ty + 3)
                inside = box[0] >= 0 and box[2] <= width and box[1] >= 0 and box[3] <= height
                if inside and not any(_overlaps(box, other) for other in placed):
                    choice = (tx, ty, anchor, far, box)
                    break
            if choice:
                break
        if choice is None:
            tx, ty, anchor = x + 8, y + 4, "start"
            choice = (tx, ty, anchor, False, (tx, ty - LABEL_SIZE, tx + text_w, ty + 3))
        tx, ty, anchor, far, box = choice
        placed.append(box)
        result.append((city, (x, y), tx, ty, anchor, far))
    return result


def render_link_map(links: Sequence[MapLink], text: MapText, *, id_prefix: str = "map") -> str:
    """The SVG markup of the links on a cropped world map (safe to embed), or a short note
    when there is nothing to draw."""
    if not links:
        return format_html('<p class="note chart-empty">{}</p>', text.empty)
    cities: dict[str, MapCity] = {}
    for link in links:
        cities.setdefault(link.chinese.key, link.chinese)
        cities.setdefault(link.foreign.key, link.foreign)
    view = fit_view([(c.lon, c.lat) for c in cities.values()])
    width, height = view.width, view.height
    legend_h = 24.0 + 18.0 * (len(STAGES) + 2)
    total_h = height

    highlight = {"156"}  # China
    for city in cities.values():
        if not city.chinese:
            found = get_country(city.country)
            if found:
                highlight.add(found.numeric)

    position = {key: view.project(c.lon, c.lat) for key, c in cities.items()}
    seen_pairs: dict[tuple[str, str], int] = {}
    link_rows = []
    for link in links:
        pair = (link.chinese.key, link.foreign.key)
        nth = seen_pairs.get(pair, 0)
        seen_pairs[pair] = nth + 1
        d, _control = _curve(
            position[link.chinese.key], position[link.foreign.key], 0.18 + 0.1 * nth
        )
        stage = link.stage if link.stage in STAGES else "intent"
        link_rows.append((stage, link.title, d))
    link_markup = format_html_join(
        "",
        '<g class="map-link stage-{}"><title>{}</title><path d="{}"/></g>',
        link_rows,
    )

    dot_rows = [
        ("map-city map-city-cn" if c.chinese else "map-city map-city-foreign", *position[k], c.name)
        for k, c in cities.items()
    ]
    dots = format_html_join(
        "",
        '<circle class="{}" cx="{}" cy="{}" r="4"><title>{}</title></circle>',
        [(css, _fmt(x), _fmt(y), name) for css, x, y, name in dot_rows],
    )

    legend_texts = [*(text.legend.get(stage, stage) for stage in STAGES)]
    legend_texts += [text.chinese_city, text.foreign_city]
    legend_w = 56 + max(_text_width(label) for label in legend_texts)
    legend_box = (8.0, total_h - legend_h - 8, 8.0 + legend_w, total_h - 8)
    dot_boxes = [(x - 5, y - 5, x + 5, y + 5) for x, y in position.values()]
    ordered = sorted(cities.values(), key=lambda c: (position[c.key][1], position[c.key][0]))
    labels = _place_labels(
        [(c, position[c.key]) for c in ordered], width, total_h, [legend_box, *dot_boxes]
    )
    label_parts = []
    for city, (x, y), tx, ty, anchor, far in labels:
        if far:
            label_parts.append(
                format_html(
                    '<line class="map-leader" x1="{}" y1="{}" x2="{}" y2="{}"/>',
                    _fmt(x),
                    _fmt(y),
                    _fmt(tx),
                    _fmt(ty - 4),
                )
            )
        label_parts.append(
            format_html(
                '<text class="map-label" x="{}" y="{}" text-anchor="{}">{}</text>',
                _fmt(tx),
                _fmt(ty),
                anchor,
                city.name,
            )
        )

    lx, ly = legend_box[0], legend_box[1]
    legend_parts = [
        format_html(
            '<rect class="map-legend-box" x="{}" y="{}" width="{}" height="{}" rx="4"/>',
            _fmt(lx),
            _fmt(ly),
            _fmt(legend_box[2] - lx),
            _fmt(legend_h),
        )
    ]
    row_y = ly + 20
    for stage in STAGES:
        legend_parts.append(
            format_html(
                '<g class="map-link stage-{}"><path d="M{},{}h28"/></g>'
                '<text class="map-legend-text" x="{}" y="{}">{}</text>',
                stage,
                _fmt(lx + 10),
                _fmt(row_y - 4),
                _fmt(lx + 46),
                _fmt(row_y),
                text.legend.get(stage, stage),
            )
        )
        row_y += 18
    for css, label in (
        ("map-city map-city-cn", text.chinese_city),
        ("map-city map-city-foreign", text.foreign_city),
    ):
        legend_parts.append(
            format_html(
                '<circle class="{}" cx="{}" cy="{}" r="4"/>'
                '<text class="map-legend-text" x="{}" y="{}">{}</text>',
                css,
                _fmt(lx + 24),
                _fmt(row_y - 4),
                _fmt(lx + 46),
                _fmt(row_y),
                label,
            )
        )
        row_y += 18

    clip_id = f"{id_prefix}-clip"
    return format_html(
        '<svg class="link-map" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{p}-title '
        '{p}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{p}-title">{title}</title><desc id="{p}-desc">{desc}</desc>'
        '<defs><clipPath id="{clip}"><rect x="0" y="0" width="{w}" height="{h}"/></clipPath></defs>'
        '<rect class="map-sea" x="0" y="0" width="{w}" height="{h}"/>'
        '<g clip-path="url(#{clip})">{land}</g>'
        '<g class="map-links">{links}</g><g class="map-cities">{dots}</g>'
        '<g class="map-labels">{labels}</g><g class="map-legend">{legend}</g>'
        "</svg>",
        w=_fmt(width),
        h=_fmt(total_h),
        p=id_prefix,
        title=text.title,
        desc=text.desc,
        clip=clip_id,
        land=_country_paths(view, highlight),
        links=link_markup,
        dots=dots,
        labels=mark_safe("".join(label_parts)),
        legend=mark_safe("".join(legend_parts)),
    )
