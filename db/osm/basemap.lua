-- osm2pgsql flex style (osm2pgsql >= 1.7, Lua) for the `basemap` import layer: a city's roads,
-- water and land use from OpenStreetMap, landed in staging tables that
-- server/src/repos/basemap-merge.ts merges into the product's roads, water and landuse.
--
-- Tables: import_staging.<prefix>_roads, _water, _landuse, _buildings. The prefix is chosen per
-- run by the importer (server/src/ingest/basemap.ts), so two imports never write the same tables.
-- It comes from the Lua global `gridboard_prefix` (set by the small wrapper style the importer
-- writes, which then runs this file) or from the environment variable GRIDBOARD_OSM_PREFIX (for
-- running osm2pgsql by hand); the importer does not pass environment, because only config.ts
-- may read the server's environment.
--
-- Only tags are interpreted here; geometry repair, the pond/lake size rule, splitting roads at
-- junctions and the choice of what replaces what are SQL's (db/../server/src/sql/basemap/*.sql),
-- where they can be tested against the product tables' own constraints.

local prefix = gridboard_prefix or os.getenv('GRIDBOARD_OSM_PREFIX') or 'basemap'
if not prefix:match('^[a-z][a-z0-9_]*$') then
    error('the table prefix must be a lower-case identifier, got "' .. prefix .. '"')
end

-- Every row keeps its OSM object (type letter N/W/R and id) as the report's code for it. The
-- geometry column may be NULL: osm2pgsql leaves it NULL when it cannot build the shape (a
-- broken ring, a way with a missing node), and the merge reports such a row as rejected instead
-- of it vanishing without a word.
local function staging(name, columns)
    local cols = { { column = 'seq', sql_type = 'bigserial', create_only = true } }
    for _, c in ipairs(columns) do cols[#cols + 1] = c end
    return osm2pgsql.define_table({
        name = prefix .. '_' .. name,
        schema = 'import_staging',
        ids = { type = 'any', id_column = 'osm_id', type_column = 'osm_type' },
        columns = cols,
        -- Staging is read once, in full: no spatial index, no clustering to pay for.
        indexes = {},
        cluster = 'no',
    })
end

local roads = staging('roads', {
    { column = 'class', type = 'text', not_null = true },
    { column = 'name', type = 'text' },
    { column = 'name_zh', type = 'text' },
    { column = 'geom', type = 'linestring', projection = 4326 },
})
local water = staging('water', {
    -- NULL: natural=water without water=*; the merge calls it a pond under 1 ha, else a lake.
    { column = 'kind', type = 'text' },
    { column = 'name', type = 'text' },
    { column = 'name_zh', type = 'text' },
    { column = 'geom', type = 'multipolygon', projection = 4326 },
    { column = 'ring', type = 'linestring', projection = 4326 },
})
local landuse = staging('landuse', {
    { column = 'kind', type = 'text', not_null = true },
    { column = 'geom', type = 'multipolygon', projection = 4326 },
    { column = 'ring', type = 'linestring', projection = 4326 },
})
-- Buildings are only counted, not loaded: the product's buildings are the household register
-- (households, population, grid, address), imported as the `buildings` layer. OSM outlines
-- without those would either duplicate the register's buildings or, on an empty city, become
-- rows the register import later has to match and delete. The importer warns with this count.
local buildings = osm2pgsql.define_table({
    name = prefix .. '_buildings',
    schema = 'import_staging',
    ids = { type = 'any', id_column = 'osm_id', type_column = 'osm_type' },
    columns = {},
    indexes = {},
    cluster = 'no',
})

-- highway=* → the product's four road classes. Arterial: the through roads a city is laid out
-- on; secondary: the distributors between them; lane: streets that serve the blocks; rural:
-- unpaved and field roads, which is what the generator's village roads are. Footways, cycleways,
-- steps and the like are left out: they would draw a second line beside every street and are not
-- roads a patrol car can take. Links take their road's class so that junctions stay connected.
local ROAD_CLASS = {
    motorway = 'arterial', motorway_link = 'arterial',
    trunk = 'arterial', trunk_link = 'arterial',
    primary = 'arterial', primary_link = 'arterial',
    secondary = 'secondary', secondary_link = 'secondary',
    tertiary = 'secondary', tertiary_link = 'secondary',
    residential = 'lane', living_street = 'lane', unclassified = 'lane',
    service = 'lane', pedestrian = 'lane', road = 'lane',
    track = 'rural', path = 'rural',
}
-- Parking aisles and drive-throughs are service roads inside a lot, not streets.
local SKIP_SERVICE = { parking_aisle = true, ['drive-through'] = true }

-- water=* on natural=water → the product's kinds. Unknown values fall to the size rule.
local WATER_KIND = {
    river = 'river', canal = 'river', stream = 'river', oxbow = 'river',
    lake = 'lake', reservoir = 'lake', lagoon = 'lake',
    pond = 'pond', basin = 'pond', fishpond = 'pond',
}

-- Area tags → the product's land-use kinds, looked up key by key in this order (a park drawn on
-- residential land is a park). "public" is land for schools, hospitals and government.
local LANDUSE_TAGS = {
    { 'leisure', { park = 'park', garden = 'park', recreation_ground = 'park', nature_reserve = 'park' } },
    { 'landuse', {
        residential = 'residential',
        commercial = 'commercial', retail = 'commercial',
        industrial = 'industrial', port = 'industrial', quarry = 'industrial',
        institutional = 'public', education = 'public', civic_admin = 'public', religious = 'public',
        recreation_ground = 'park', village_green = 'park', grass = 'park', cemetery = 'park',
        farmland = 'farmland', paddy = 'farmland', orchard = 'farmland', meadow = 'farmland',
        vineyard = 'farmland', allotments = 'farmland', greenhouse_horticulture = 'farmland',
        plant_nursery = 'farmland', aquaculture = 'farmland', farmyard = 'farmland',
        forest = 'forest',
    } },
    { 'amenity', {
        school = 'public', university = 'public', college = 'public', kindergarten = 'public',
        hospital = 'public', townhall = 'public',
    } },
    { 'natural', { wood = 'forest' } },
}

local function has_cjk(s)
    -- UTF-8 lead bytes E3..E9 cover U+3000..U+9FFF (CJK punctuation, kana, unified ideographs).
    return s ~= nil and s:find('[\227-\233][\128-\191][\128-\191]') ~= nil
end

-- name: the Latin name where the map has one (name:en, else a name that is not Chinese, else
-- the ref of a numbered road); name_zh: name:zh, else a Chinese `name`. A road known only by
-- its Chinese name gets it in both, so every label has something to draw.
local function names(tags)
    local zh = tags['name:zh'] or tags['name:zh-Hans']
    if not zh and has_cjk(tags.name) then zh = tags.name end
    local latin = tags['name:en'] or tags['name:zh-Latn-pinyin']
    if not latin and tags.name and not has_cjk(tags.name) then latin = tags.name end
    return latin or tags.ref or tags.name, zh
end

local function area_kinds(tags)
    local water_kind, is_water = nil, false
    if tags.natural == 'water' then
        is_water = true
        water_kind = WATER_KIND[tags.water]
    elseif tags.waterway == 'riverbank' then
        is_water, water_kind = true, 'river'
    elseif tags.landuse == 'reservoir' or tags.landuse == 'basin' then
        is_water, water_kind = true, (tags.landuse == 'reservoir' and 'lake' or 'pond')
    end
    local land
    for _, entry in ipairs(LANDUSE_TAGS) do
        local v = tags[entry[1]]
        if v and entry[2][v] then
            land = entry[2][v]
            break
        end
    end
    return is_water, water_kind, land
end

-- osm2pgsql's area assembler refuses a ring that crosses itself (a bow-tie, a hand-drawn lake
-- whose outline loops over itself) and gives no geometry. For a closed way the ring itself is
-- then staged too, so that the merge can make it valid (ST_MakeValid) instead of losing it.
local function add_area(object, tags, is_way)
    local is_water, water_kind, land = area_kinds(tags)
    if not is_water and not land then return end
    local geom = object:as_multipolygon()
    local ring = nil
    if is_way and geom:is_null() then ring = object:as_linestring() end
    if is_water then
        local name, name_zh = names(tags)
        water:insert({ kind = water_kind, name = name, name_zh = name_zh, geom = geom, ring = ring })
    elseif land then
        landuse:insert({ kind = land, geom = geom, ring = ring })
    end
end

function osm2pgsql.process_way(object)
    local tags = object.tags
    if tags.building and tags.building ~= 'no' then
        buildings:insert({})
        return
    end
    local class = ROAD_CLASS[tags.highway]
    if class and tags.area ~= 'yes' and not SKIP_SERVICE[tags.service] then
        local name, name_zh = names(tags)
        roads:insert({ class = class, name = name, name_zh = name_zh, geom = object:as_linestring() })
        return
    end
    -- Lines (waterway=river centre lines) are skipped: water is drawn as areas, and a river
    -- mapped only as a line has no width to draw.
    if object.is_closed and tags.area ~= 'no' then add_area(object, tags, true) end
end

function osm2pgsql.process_relation(object)
    local tags = object.tags
    if tags.type ~= 'multipolygon' then return end
    if tags.building and tags.building ~= 'no' then
        buildings:insert({})
        return
    end
    add_area(object, tags, false)
end
