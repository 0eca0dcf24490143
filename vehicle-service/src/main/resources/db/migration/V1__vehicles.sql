-- The seed's vehicles table; owner_id is an auth-service user id (no cross-service foreign key).
CREATE TABLE vehicles (
    id                UUID PRIMARY KEY,
    owner_id          UUID        NOT NULL,
    vin               TEXT        NOT NULL,
    license_plate     TEXT        NOT NULL,
    make              TEXT        NOT NULL,
    model             TEXT        NOT NULL,
    year              INT         NOT NULL CHECK (year BETWEEN 1886 AND 2100),
    color             TEXT,
    mileage           INT CHECK (mileage >= 0),
    transmission_type TEXT CHECK (transmission_type IN ('manual', 'automatic', 'semi-automatic')),
    fuel_type         TEXT CHECK (fuel_type IN ('petrol', 'diesel', 'hybrid', 'plug-in-hybrid', 'electric', 'hydrogen')),
    status            TEXT        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'in-service', 'stored', 'sold')),
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);

CREATE UNIQUE INDEX vehicles_vin_key ON vehicles (upper(vin));
CREATE UNIQUE INDEX vehicles_plate_key ON vehicles (upper(license_plate));
CREATE INDEX vehicles_owner ON vehicles (owner_id);
