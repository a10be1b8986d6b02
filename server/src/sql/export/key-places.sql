-- Key places (points). Their grid and street crossing are derived on import, so not exported.
SELECT k.id, k.code, k.name, k.name_zh, k.kind, k.address, k.geom
FROM key_places k
