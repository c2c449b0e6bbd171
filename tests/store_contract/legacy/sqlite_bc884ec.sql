BEGIN TRANSACTION;
CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL);
INSERT INTO "_migrations" VALUES('m001_initial','2026-12-01T07:31:24.020Z');
INSERT INTO "_migrations" VALUES('m002_tenant_rotation','2026-12-01T07:31:24.027Z');
CREATE TABLE bills (
            id INTEGER PRIMARY KEY,
            job_id INTEGER NOT NULL REFERENCES jobs(id),
            version INTEGER NOT NULL,
            is_current INTEGER NOT NULL DEFAULT 1,
            source TEXT NOT NULL,             -- 'machine' | 'review'
            status TEXT NOT NULL,             -- decision for this version
            extractor TEXT,
            model_sha256 TEXT,
            prompt_version TEXT,
            reviewer TEXT,
            provider TEXT,
            provider_id TEXT,
            account_number TEXT,
            customer_name TEXT,
            service_address TEXT,
            statement_date TEXT,
            due_date TEXT,
            billing_period_start TEXT,
            billing_period_end TEXT,
            currency TEXT,
            total_amount_due TEXT,
            current_charges TEXT,
            previous_balance TEXT,
            payments TEXT,
            electricity_kwh TEXT,
            gas_therms TEXT,
            gas_usage TEXT,
            gas_usage_unit TEXT,
            water_usage TEXT,
            water_usage_unit TEXT,
            demand_kw TEXT,
            meter_number TEXT,
            rate_plan TEXT,
            confidence REAL,                  -- lowest field confidence
            data TEXT NOT NULL,               -- BillNormalized JSON
            evidence TEXT NOT NULL DEFAULT '{}',
            checks TEXT NOT NULL DEFAULT '[]',
            issues TEXT NOT NULL DEFAULT '[]',
            tokens_prompt INTEGER NOT NULL DEFAULT 0,
            tokens_completion INTEGER NOT NULL DEFAULT 0,
            timings TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL,
            UNIQUE(job_id, version)
        );
INSERT INTO "bills" VALUES(1,1,1,1,'machine','SUCCEEDED','rules',NULL,NULL,NULL,'Old Power',NULL,'ACC-OLD',NULL,NULL,NULL,NULL,'2024-01-05','2024-02-04',NULL,'42.10',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{"provider":"Old Power","provider_id":null,"account_number":"ACC-OLD","customer_name":null,"service_address":null,"statement_date":null,"due_date":null,"billing_period_start":"2024-01-05","billing_period_end":"2024-02-04","currency":null,"total_amount_due":"42.10","current_charges":null,"previous_balance":null,"payments":null,"electricity_kwh":null,"gas_therms":null,"gas_usage":null,"gas_usage_unit":null,"water_usage":null,"water_usage_unit":null,"demand_kw":null,"meter_number":null,"rate_plan":null,"meters":[{"number":"M1","commodity":null,"prior_read":"100","present_read":"612.5","multiplier":null,"usage":"512.5","unit":"kWh"}],"line_items":[{"description":"Energy","amount":"42.10","category":"supply","quantity":null,"unit":null,"rate":null}]}','{}','[]','[]',0,0,'{}','2026-12-01T07:31:24.037024Z');
INSERT INTO "bills" VALUES(2,2,1,1,'machine','NEEDS_REVIEW','rules',NULL,NULL,NULL,'Old Power',NULL,'ACC-OLD',NULL,NULL,NULL,NULL,'2024-01-05','2024-02-04',NULL,'42.10',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{"provider":"Old Power","provider_id":null,"account_number":"ACC-OLD","customer_name":null,"service_address":null,"statement_date":null,"due_date":null,"billing_period_start":"2024-01-05","billing_period_end":"2024-02-04","currency":null,"total_amount_due":"42.10","current_charges":null,"previous_balance":null,"payments":null,"electricity_kwh":null,"gas_therms":null,"gas_usage":null,"gas_usage_unit":null,"water_usage":null,"water_usage_unit":null,"demand_kw":null,"meter_number":null,"rate_plan":null,"meters":[{"number":"M1","commodity":null,"prior_read":"100","present_read":"612.5","multiplier":null,"usage":"512.5","unit":"kWh"}],"line_items":[{"description":"Energy","amount":"42.10","category":"supply","quantity":null,"unit":null,"rate":null}]}','{}','[]','["total differs from the line items"]',0,0,'{}','2026-12-01T07:31:24.046068Z');
CREATE TABLE documents (
            sha256 TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            page_count INTEGER NOT NULL,
            pages TEXT NOT NULL,              -- Document JSON
            created_at TEXT NOT NULL
        );
INSERT INTO "documents" VALUES('sha256:646f6e652e706466000000000000000000000000000000000000000000000000','pdf',1,'{"pages": []}','2026-12-01T07:31:24.101689Z');
CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            job_id INTEGER REFERENCES jobs(id),
            at TEXT NOT NULL,
            kind TEXT NOT NULL,               -- created, duplicate, status, retry, error, review, force...
            from_status TEXT,
            to_status TEXT,
            message TEXT,
            data TEXT
        );
INSERT INTO "events" VALUES(1,1,'2026-12-01T07:31:24.029490Z','created',NULL,'PENDING','received ''done.pdf''',NULL);
INSERT INTO "events" VALUES(2,1,'2026-12-01T07:31:24.030644Z','status','PENDING','RUNNING','claimed by old-worker',NULL);
INSERT INTO "events" VALUES(3,1,'2026-12-01T07:31:24.037195Z','status','RUNNING','SUCCEEDED','',NULL);
INSERT INTO "events" VALUES(4,2,'2026-12-01T07:31:24.039523Z','created',NULL,'PENDING','received ''review.pdf''',NULL);
INSERT INTO "events" VALUES(5,2,'2026-12-01T07:31:24.044674Z','status','PENDING','RUNNING','claimed by old-worker',NULL);
INSERT INTO "events" VALUES(6,2,'2026-12-01T07:31:24.046165Z','status','RUNNING','NEEDS_REVIEW','total differs from the line items',NULL);
INSERT INTO "events" VALUES(7,3,'2026-12-01T07:31:24.052623Z','created',NULL,'PENDING','received ''corrupt.pdf''',NULL);
INSERT INTO "events" VALUES(8,3,'2026-12-01T07:31:24.053368Z','status','PENDING','RUNNING','claimed by old-worker',NULL);
INSERT INTO "events" VALUES(9,3,'2026-12-01T07:31:24.059691Z','error',NULL,NULL,'not a PDF file','{"attempt": 1, "retryable": false}');
INSERT INTO "events" VALUES(10,3,'2026-12-01T07:31:24.059784Z','status','RUNNING','FAILED','not a PDF file',NULL);
INSERT INTO "events" VALUES(11,4,'2026-12-01T07:31:24.061328Z','created',NULL,'PENDING','received ''flaky.pdf''',NULL);
INSERT INTO "events" VALUES(12,4,'2026-12-01T07:31:24.063538Z','status','PENDING','RUNNING','claimed by old-worker',NULL);
INSERT INTO "events" VALUES(13,4,'2026-12-01T07:31:24.065296Z','error',NULL,NULL,'model hiccup','{"attempt": 1, "retryable": true}');
INSERT INTO "events" VALUES(14,4,'2026-12-01T07:31:24.065362Z','status','RUNNING','FAILED','attempt 1 failed; retry in 0 s',NULL);
INSERT INTO "events" VALUES(15,5,'2026-12-01T07:31:24.088507Z','created',NULL,'PENDING','received ''crashed.pdf''',NULL);
INSERT INTO "events" VALUES(16,5,'2026-12-01T07:31:24.094077Z','status','PENDING','RUNNING','claimed by dead-worker',NULL);
INSERT INTO "events" VALUES(17,6,'2026-12-01T07:31:24.100528Z','created',NULL,'PENDING','received ''pending.pdf''',NULL);
CREATE TABLE extraction_cache (
            key TEXT PRIMARY KEY,
            sha256 TEXT NOT NULL,
            result TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
INSERT INTO "extraction_cache" VALUES('rules:old','sha256:646f6e652e706466000000000000000000000000000000000000000000000000','{"bill":{"provider":"Old Power","provider_id":null,"account_number":"ACC-OLD","customer_name":null,"service_address":null,"statement_date":null,"due_date":null,"billing_period_start":"2024-01-05","billing_period_end":"2024-02-04","currency":null,"total_amount_due":"42.10","current_charges":null,"previous_balance":null,"payments":null,"electricity_kwh":null,"gas_therms":null,"gas_usage":null,"gas_usage_unit":null,"water_usage":null,"water_usage_unit":null,"demand_kw":null,"meter_number":null,"rate_plan":null,"meters":[{"number":"M1","commodity":null,"prior_read":"100","present_read":"612.5","multiplier":null,"usage":"512.5","unit":"kWh"}],"line_items":[{"description":"Energy","amount":"42.10","category":"supply","quantity":null,"unit":null,"rate":null}]},"evidence":{},"checks":[],"status":"SUCCEEDED","issues":[],"extractor":"rules","model_sha256":null,"prompt_version":null,"tokens_prompt":0,"tokens_completion":0,"timings":{}}','2026-12-01T07:31:24.101386Z');
CREATE TABLE jobs (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            original_name TEXT NOT NULL,
            ext TEXT NOT NULL DEFAULT '',
            size INTEGER NOT NULL,
            archive_path TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'PENDING',
            attempts INTEGER NOT NULL DEFAULT 0,
            max_attempts INTEGER NOT NULL DEFAULT 5,
            next_attempt_at TEXT,
            lease_owner TEXT,
            lease_token TEXT,
            lease_expires_at TEXT,
            extractor TEXT,
            provider TEXT,
            tenant TEXT,
            current_bill_id INTEGER,
            last_error TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            finished_at TEXT
        );
INSERT INTO "jobs" VALUES(1,'sha256:646f6e652e706466000000000000000000000000000000000000000000000000','done.pdf','pdf',10,'/archive/done.pdf','SUCCEEDED',1,5,NULL,NULL,NULL,NULL,'rules','Old Power','acme',1,NULL,'2026-12-01T07:31:24.029413Z','2026-12-01T07:31:24.037167Z','2026-12-01T07:31:24.037167Z');
INSERT INTO "jobs" VALUES(2,'sha256:7265766965772e70646600000000000000000000000000000000000000000000','review.pdf','pdf',10,'/archive/review.pdf','NEEDS_REVIEW',1,5,NULL,NULL,NULL,NULL,'rules','Old Power','acme',2,'total differs from the line items','2026-12-01T07:31:24.039500Z','2026-12-01T07:31:24.046148Z','2026-12-01T07:31:24.046148Z');
INSERT INTO "jobs" VALUES(3,'sha256:636f727275707400000000000000000000000000000000000000000000000000','corrupt.pdf','pdf',10,'/archive/corrupt.pdf','FAILED',1,5,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'not a PDF file','2026-12-01T07:31:24.052598Z','2026-12-01T07:31:24.059735Z',NULL);
INSERT INTO "jobs" VALUES(4,'sha256:666c616b79000000000000000000000000000000000000000000000000000000','flaky.pdf','pdf',10,'/archive/flaky.pdf','FAILED',1,5,'2026-12-01T07:31:24.066338Z',NULL,NULL,NULL,NULL,NULL,NULL,NULL,'model hiccup','2026-12-01T07:31:24.061290Z','2026-12-01T07:31:24.065347Z',NULL);
INSERT INTO "jobs" VALUES(5,'sha256:6372617368656400000000000000000000000000000000000000000000000000','crashed.pdf','pdf',10,'/archive/crashed.pdf','RUNNING',1,5,NULL,'dead-worker','0144b1ec9bc24c1fb42a0eefd4c5cdee','2026-12-01T07:31:24.104028Z',NULL,NULL,'night-shift',NULL,NULL,'2026-12-01T07:31:24.085156Z','2026-12-01T07:31:24.094043Z',NULL);
INSERT INTO "jobs" VALUES(6,'sha256:70656e64696e6700000000000000000000000000000000000000000000000000','pending.pdf','pdf',10,'/archive/pending.pdf','PENDING',0,5,NULL,NULL,NULL,NULL,NULL,NULL,'acme',NULL,NULL,'2026-12-01T07:31:24.100505Z','2026-12-01T07:31:24.100505Z',NULL);
CREATE TABLE line_items (
            bill_id INTEGER NOT NULL REFERENCES bills(id),
            idx INTEGER NOT NULL,
            description TEXT NOT NULL, amount TEXT NOT NULL, category TEXT NOT NULL,
            quantity TEXT, unit TEXT, rate TEXT,
            PRIMARY KEY (bill_id, idx)
        );
INSERT INTO "line_items" VALUES(1,0,'Energy','42.10','supply',NULL,NULL,NULL);
INSERT INTO "line_items" VALUES(2,0,'Energy','42.10','supply',NULL,NULL,NULL);
CREATE TABLE meters (
            bill_id INTEGER NOT NULL REFERENCES bills(id),
            idx INTEGER NOT NULL,
            number TEXT, commodity TEXT, prior_read TEXT, present_read TEXT,
            multiplier TEXT, usage TEXT, unit TEXT,
            PRIMARY KEY (bill_id, idx)
        );
INSERT INTO "meters" VALUES(1,0,'M1',NULL,'100','612.5',NULL,'512.5','kWh');
INSERT INTO "meters" VALUES(2,0,'M1',NULL,'100','612.5',NULL,'512.5','kWh');
CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            bill_id INTEGER NOT NULL REFERENCES bills(id),
            job_id INTEGER NOT NULL REFERENCES jobs(id),
            created_at TEXT NOT NULL
        );
INSERT INTO "outbox" VALUES(1,1,1,'2026-12-01T07:31:24.037145Z');
INSERT INTO "outbox" VALUES(2,2,2,'2026-12-01T07:31:24.046129Z');
CREATE TABLE sync_state (
            target TEXT PRIMARY KEY,
            watermark INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            last_error TEXT
        );
INSERT INTO "sync_state" VALUES('postgres',1,'2026-12-01T07:31:24.105278Z',NULL);
CREATE TABLE tenant_state (
            tenant TEXT PRIMARY KEY,
            last_claim_at TEXT NOT NULL
        );
INSERT INTO "tenant_state" VALUES('acme','2026-12-01T07:31:24.044544Z');
INSERT INTO "tenant_state" VALUES('','2026-12-01T07:31:24.063451Z');
INSERT INTO "tenant_state" VALUES('night-shift','2026-12-01T07:31:24.093869Z');
CREATE INDEX jobs_claim ON jobs(status, next_attempt_at);
CREATE INDEX jobs_lease ON jobs(status, lease_expires_at);
CREATE INDEX bills_current ON bills(job_id, is_current);
CREATE INDEX bills_account ON bills(provider_id, account_number, billing_period_start);
CREATE INDEX events_job ON events(job_id, id);
CREATE INDEX jobs_tenant ON jobs(tenant, status)
        ;
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('outbox',2);
COMMIT;
