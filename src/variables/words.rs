//! Word lists behind the faker-style dynamic variables in `dynamic.rs`.
//!
//! Our own short lists, not faker's data files: they only have to give
//! plausible values of the shape Postman produces. Most lists are one string
//! of comma-separated entries (see [`entries`]) so that a long list stays a
//! few lines; tables with more than one column are arrays of tuples.

/// The entries of a comma-separated list, trimmed, empty ones skipped.
pub(super) fn entries(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
}

// ---- names and jobs -------------------------------------------------------

pub(super) const FIRST_NAMES: &str = "
    Aaron, Abigail, Adam, Adrian, Aiden, Alana, Albert, Alexis, Alice, Alma, Amber, Amelia,
    Andre, Angela, Anton, Ariana, Arthur, Aubrey, Austin, Ava, Beatrice, Benjamin, Bernard,
    Bianca, Blake, Brandon, Brenda, Bruce, Caleb, Camila, Carla, Carter, Cecilia, Chloe, Clara,
    Clayton, Colin, Dakota, Daniel, Daphne, Declan, Delia, Derek, Diana, Dominic, Dorothy,
    Edgar, Edith, Eleanor, Elijah, Elliot, Emma, Esther, Ethan, Evelyn, Felix, Fiona, Frances,
    Gabriel, Gavin, Georgia, Gideon, Grace, Hannah, Harold, Harper, Hazel, Hector, Ian, Imogen,
    Isaac, Ivy, Jasper, Jenna, Joel, Josephine, Julian, June, Kendra, Kieran, Laura, Leon,
    Lila, Lucas, Lydia, Malcolm, Marcus, Margot, Maya, Miles, Nadia, Naomi, Nathan, Nina, Noah,
    Olive, Oscar, Owen, Paige, Percy, Phoebe, Quentin, Quinn, Rachel, Reuben, Rosa, Ruby,
    Samuel, Sienna, Simon, Sofia, Stella, Tessa, Theo, Tobias, Uma, Valerie, Vernon, Violet,
    Wade, Wesley, Willa, Xavier, Yara, Yusuf, Zachary, Zoe";

pub(super) const LAST_NAMES: &str = "
    Abbott, Acosta, Aldridge, Alvarez, Barker, Barnes, Bauer, Bellamy, Bishop, Blackwood,
    Bowman, Brennan, Caldwell, Carver, Chandler, Chen, Coleman, Conway, Crawford, Dalton,
    Dawson, Delgado, Donovan, Drake, Dunn, Ellison, Emerson, Farrell, Fischer, Fletcher, Foster,
    Garner, Gibbs, Gonzalez, Graves, Hale, Hammond, Harlow, Hayes, Holloway, Hudson, Ingram,
    Jansen, Jennings, Keller, Kendall, Kim, Lambert, Langley, Larsen, Lowell, Maddox, Marsh,
    McKenzie, Mercer, Monroe, Nakamura, Nash, Novak, Oakley, O'Connor, Okafor, Parker, Patel,
    Pearson, Pruitt, Quinlan, Ramsey, Reyes, Riley, Rowe, Sandoval, Schmidt, Sharma, Sutton,
    Sullivan, Tanaka, Thornton, Townsend, Vance, Vargas, Walsh, Warren, Webb, Whitaker,
    Winslow, Yates, Young, Zimmerman";

pub(super) const NAME_PREFIXES: &str = "Mr., Mrs., Ms., Miss, Dr., Mx.";

pub(super) const NAME_SUFFIXES: &str = "Jr., Sr., II, III, IV, MD, PhD, DDS, DVM, Esq.";

pub(super) const JOB_DESCRIPTORS: &str = "
    Senior, Junior, Lead, Principal, Chief, Associate, Assistant, Global, Regional, National,
    Corporate, Dynamic, Central, District, International, Internal, Direct, Forward, Future,
    Legacy, Human, Customer, Product, Investor";

pub(super) const JOB_AREAS: &str = "
    Accounts, Analytics, Applications, Branding, Communications, Compliance, Data, Delivery,
    Design, Directives, Facilities, Finance, Functionality, Identity, Infrastructure,
    Integration, Interactions, Logistics, Marketing, Metrics, Mobility, Operations,
    Optimization, Platform, Quality, Research, Security, Solutions, Tactics, Usability, Web";

pub(super) const JOB_TYPES: &str = "
    Administrator, Agent, Analyst, Architect, Associate, Consultant, Coordinator, Designer,
    Developer, Director, Engineer, Executive, Facilitator, Liaison, Manager, Officer,
    Orchestrator, Planner, Producer, Representative, Specialist, Strategist, Supervisor,
    Technician";

// ---- addresses ------------------------------------------------------------

pub(super) const CITY_PREFIXES: &str =
    "North, South, East, West, New, Port, Lake, Fort, Mount, Glen";

pub(super) const CITY_SUFFIXES: &str = "
    ton, ville, burg, field, ford, haven, land, mouth, port, side, view, wood, dale, bury,
    chester, shire, stead, borough, brook";

pub(super) const CITY_NAMES: &str = "
    Albany, Anchorage, Arlington, Austin, Bakersfield, Baltimore, Boise, Boston, Buffalo,
    Charlotte, Chicago, Cincinnati, Cleveland, Columbus, Dallas, Denver, Des Moines, Detroit,
    El Paso, Fresno, Honolulu, Houston, Indianapolis, Jacksonville, Kansas City, Las Vegas,
    Lincoln, Long Beach, Los Angeles, Louisville, Madison, Memphis, Miami, Milwaukee,
    Minneapolis, Nashville, New Orleans, Oakland, Omaha, Orlando, Philadelphia, Phoenix,
    Pittsburgh, Portland, Raleigh, Reno, Richmond, Sacramento, Salt Lake City, San Antonio,
    San Diego, San Jose, Savannah, Seattle, Spokane, St. Louis, Tampa, Tucson, Tulsa, Wichita";

pub(super) const STREET_SUFFIXES: &str = "
    Alley, Avenue, Boulevard, Bypass, Circle, Court, Crescent, Drive, Expressway, Freeway,
    Gardens, Grove, Heights, Highway, Hill, Lane, Loop, Meadow, Parkway, Pass, Path, Pike,
    Place, Plaza, Ridge, Road, Row, Square, Street, Terrace, Trail, Turnpike, View, Way";

pub(super) const COUNTRIES: &str = "
    Argentina, Australia, Austria, Bangladesh, Belgium, Bolivia, Brazil, Bulgaria, Cambodia,
    Canada, Chile, Colombia, Costa Rica, Croatia, Czechia, Denmark, Ecuador, Egypt, Estonia,
    Ethiopia, Finland, France, Germany, Ghana, Greece, Guatemala, Hungary, Iceland, India,
    Indonesia, Ireland, Israel, Italy, Jamaica, Japan, Jordan, Kenya, Latvia, Lithuania,
    Luxembourg, Malaysia, Mexico, Mongolia, Morocco, Nepal, Netherlands, New Zealand, Nigeria,
    Norway, Pakistan, Panama, Peru, Philippines, Poland, Portugal, Romania, Rwanda, Senegal,
    Singapore, Slovakia, Slovenia, South Africa, South Korea, Spain, Sri Lanka, Sweden,
    Switzerland, Tanzania, Thailand, Tunisia, Turkey, Uganda, Ukraine, United Kingdom,
    United States of America, Uruguay, Vietnam, Zambia";

/// ISO 3166-1 alpha-2 codes.
pub(super) const COUNTRY_CODES: &str = "
    AR, AT, AU, BD, BE, BG, BO, BR, CA, CH, CL, CN, CO, CR, CZ, DE, DK, EC, EE, EG, ES, ET,
    FI, FR, GB, GH, GR, GT, HR, HU, ID, IE, IL, IN, IS, IT, JM, JO, JP, KE, KH, KR, LK, LT,
    LU, LV, MA, MN, MX, MY, NG, NL, NO, NP, NZ, PA, PE, PH, PK, PL, PT, RO, RW, SE, SG, SI,
    SK, SN, TH, TN, TR, TZ, UA, UG, US, UY, VN, ZA, ZM";

/// ISO 639-1 language codes (and a few three-letter ones browsers use).
pub(super) const LOCALES: &str = "
    af, am, ar, az, be, bg, bn, bs, ca, cs, cy, da, de, el, en, eo, es, et, eu, fa, fi, fil,
    fr, ga, gl, gu, ha, haw, he, hi, hr, ht, hu, hy, id, ig, is, it, ja, jv, ka, kk, km, kn,
    ko, ku, ky, la, lb, lo, lt, lv, mg, mi, mk, ml, mn, mr, ms, mt, my, nb, ne, nl, nn, no,
    ny, pa, pl, ps, pt, ro, ru, sd, si, sk, sl, sm, sn, so, sq, sr, st, su, sv, sw, ta, te,
    tg, th, tk, tl, tr, tt, uk, ur, uz, vi, xh, yi, yo, zh, zu";

// ---- commerce -------------------------------------------------------------

pub(super) const COLORS: &str = "
    red, green, blue, yellow, orange, purple, pink, brown, black, white, grey, silver, gold,
    teal, navy, maroon, olive, lime, cyan, magenta, indigo, violet, turquoise, lavender,
    coral, salmon, beige, ivory, tan, plum, orchid, mint green, sky blue, fuchsia, azure";

pub(super) const DEPARTMENTS: &str = "
    Automotive, Baby, Beauty, Books, Clothing, Computers, Electronics, Games, Garden, Grocery,
    Health, Home, Industrial, Jewelry, Kids, Movies, Music, Outdoors, Shoes, Sports, Tools,
    Toys";

pub(super) const PRODUCT_ADJECTIVES: &str = "
    Awesome, Compact, Deluxe, Durable, Elegant, Ergonomic, Fantastic, Generic, Gorgeous,
    Handcrafted, Handmade, Incredible, Intelligent, Lightweight, Luxurious, Modern, Practical,
    Premium, Recycled, Refined, Rustic, Sleek, Small, Smart, Sturdy, Tasty, Unbranded, Vintage";

pub(super) const PRODUCT_MATERIALS: &str = "
    Aluminum, Bamboo, Bronze, Ceramic, Concrete, Copper, Cotton, Fresh, Frozen, Glass, Granite,
    Leather, Linen, Marble, Metal, Plastic, Rubber, Silk, Soft, Steel, Wooden, Wool";

pub(super) const PRODUCTS: &str = "
    Backpack, Bacon, Ball, Bench, Bike, Blanket, Bottle, Bowl, Car, Chair, Cheese, Chicken,
    Chips, Clock, Computer, Desk, Fish, Gloves, Hat, Jacket, Keyboard, Lamp, Mouse, Mug, Pants,
    Pillow, Pizza, Salad, Sausages, Shirt, Shoes, Soap, Sofa, Table, Towels, Tuna, Umbrella,
    Wallet, Watch";

// ---- company and business speak ------------------------------------------

pub(super) const COMPANY_SUFFIXES: &str = "Inc, LLC, Group, and Sons, Ltd, Co, Partners, Holdings";

pub(super) const CATCH_PHRASE_ADJECTIVES: &str = "
    Adaptive, Advanced, Agile, Automated, Balanced, Centralized, Configurable, Cross-platform,
    Customizable, Decentralized, Digitized, Distributed, Enhanced, Ergonomic, Expanded,
    Extended, Focused, Front-line, Fully-configurable, Horizontal, Innovative, Integrated,
    Intuitive, Managed, Multi-layered, Networked, Open-source, Optimized, Organic, Persistent,
    Proactive, Programmable, Quality-focused, Reactive, Reduced, Robust, Seamless, Secured,
    Streamlined, Synchronized, Team-oriented, Universal, User-friendly, Versatile, Virtual,
    Visionary";

pub(super) const CATCH_PHRASE_DESCRIPTORS: &str = "
    24/7, 3rd generation, 5th generation, asymmetric, bi-directional, client-driven,
    clear-thinking, composite, context-sensitive, content-based, cohesive, dedicated,
    demand-driven, didactic, dynamic, empowering, executive, explicit, fault-tolerant, global,
    heuristic, high-level, holistic, incremental, interactive, local, logistical,
    mission-critical, modular, motivating, multimedia, national, next generation, optimizing,
    radical, real-time, reciprocal, regional, scalable, secondary, stable, static, systematic,
    tangible, tertiary, transitional, uniform, value-added, zero tolerance";

pub(super) const CATCH_PHRASE_NOUNS: &str = "
    ability, adapter, algorithm, alliance, analyzer, application, approach, architecture,
    archive, array, capability, circuit, collaboration, concept, core, database, definition,
    emulation, encoding, extranet, firmware, flexibility, framework, function, groupware,
    hardware, hierarchy, hub, implementation, infrastructure, initiative, interface,
    knowledge base, matrix, methodology, middleware, migration, model, moderator, monitoring,
    neural-net, orchestration, paradigm, policy, portal, process improvement, productivity,
    protocol, service-desk, software, solution, standardization, strategy, structure,
    superstructure, synergy, throughput, toolset, utilisation, website, workforce";

pub(super) const BS_VERBS: &str = "
    aggregate, architect, benchmark, brand, cultivate, deliver, deploy, disintermediate, drive,
    e-enable, embrace, empower, enable, engage, engineer, enhance, evolve, expedite, exploit,
    extend, facilitate, generate, grow, harness, implement, incentivize, incubate, innovate,
    integrate, iterate, leverage, maximize, mesh, monetize, morph, optimize, orchestrate,
    reinvent, repurpose, revolutionize, scale, seize, strategize, streamline, syndicate,
    synergize, synthesize, target, transform, transition, unleash, utilize, visualize";

pub(super) const BS_ADJECTIVES: &str = "
    back-end, best-of-breed, bleeding-edge, clicks-and-mortar, collaborative, compelling,
    cross-media, customized, cutting-edge, distributed, dynamic, end-to-end, enterprise,
    extensible, frictionless, front-end, global, granular, holistic, impactful, innovative,
    integrated, interactive, intuitive, killer, leading-edge, magnetic, mission-critical,
    next-generation, one-to-one, open-source, proactive, real-time, revolutionary, robust,
    scalable, seamless, sticky, strategic, transparent, turn-key, ubiquitous, user-centric,
    value-added, vertical, viral, virtual, visionary, web-enabled, wireless, world-class";

pub(super) const BS_NOUNS: &str = "
    action-items, applications, architectures, bandwidth, channels, communities, content,
    convergence, deliverables, e-business, e-commerce, e-markets, experiences, eyeballs,
    functionalities, infomediaries, infrastructures, initiatives, interfaces, markets,
    methodologies, metrics, mindshare, models, networks, niches, paradigms, partnerships,
    platforms, portals, relationships, ROI, schemas, solutions, supply-chains, synergies,
    systems, technologies, users, vortals, web services";

// ---- databases ------------------------------------------------------------

pub(super) const DATABASE_COLUMNS: &str = "
    id, uuid, name, title, email, phone, password, token, status, group, category, comment,
    avatar, createdAt, updatedAt, deletedAt, userId, price, quantity, description, slug,
    version";

pub(super) const DATABASE_TYPES: &str = "
    int, tinyint, smallint, mediumint, bigint, decimal, float, double, real, bit, boolean,
    serial, char, varchar, text, blob, binary, varbinary, enum, set, date, time, datetime,
    timestamp, year, json, geometry, point";

pub(super) const DATABASE_COLLATIONS: &str = "
    utf8mb4_general_ci, utf8mb4_unicode_ci, utf8mb4_bin, utf8mb4_0900_ai_ci, utf8_general_ci,
    utf8_unicode_ci, utf8_bin, latin1_swedish_ci, latin1_bin, ascii_general_ci, ascii_bin,
    cp1250_general_ci, cp1250_bin";

pub(super) const DATABASE_ENGINES: &str =
    "InnoDB, MyISAM, MEMORY, CSV, ARCHIVE, BLACKHOLE, MERGE, FEDERATED, NDB";

// ---- dates ----------------------------------------------------------------

pub(super) const MONTHS: &str = "
    January, February, March, April, May, June, July, August, September, October, November,
    December";

pub(super) const WEEKDAYS: &str = "Sunday, Monday, Tuesday, Wednesday, Thursday, Friday, Saturday";

// ---- finance --------------------------------------------------------------

pub(super) const ACCOUNT_TYPES: &str = "
    Checking, Savings, Money Market, Investment, Home Loan, Credit Card, Auto Loan,
    Personal Loan, Business, Retirement";

pub(super) const TRANSACTION_TYPES: &str = "deposit, withdrawal, payment, invoice";

/// Currencies as (name, ISO 4217 code, symbol).
pub(super) const CURRENCIES: &[(&str, &str, &str)] = &[
    ("US Dollar", "USD", "$"),
    ("Euro", "EUR", "€"),
    ("Pound Sterling", "GBP", "£"),
    ("Yen", "JPY", "¥"),
    ("Swiss Franc", "CHF", "CHF"),
    ("Canadian Dollar", "CAD", "$"),
    ("Australian Dollar", "AUD", "$"),
    ("New Zealand Dollar", "NZD", "$"),
    ("Yuan Renminbi", "CNY", "¥"),
    ("Indian Rupee", "INR", "₹"),
    ("Brazilian Real", "BRL", "R$"),
    ("Mexican Peso", "MXN", "$"),
    ("Swedish Krona", "SEK", "kr"),
    ("Norwegian Krone", "NOK", "kr"),
    ("Danish Krone", "DKK", "kr"),
    ("Polish Zloty", "PLN", "zł"),
    ("Czech Koruna", "CZK", "Kč"),
    ("Hungarian Forint", "HUF", "Ft"),
    ("Won", "KRW", "₩"),
    ("Singapore Dollar", "SGD", "$"),
    ("Hong Kong Dollar", "HKD", "$"),
    ("Rand", "ZAR", "R"),
    ("Turkish Lira", "TRY", "₺"),
    ("Israeli New Shekel", "ILS", "₪"),
    ("Baht", "THB", "฿"),
    ("Philippine Peso", "PHP", "₱"),
    ("Naira", "NGN", "₦"),
    ("Hryvnia", "UAH", "₴"),
    ("Dong", "VND", "₫"),
    ("Kenyan Shilling", "KES", "KSh"),
    ("Rupiah", "IDR", "Rp"),
    ("Malaysian Ringgit", "MYR", "RM"),
    ("Argentine Peso", "ARS", "$"),
];

/// IBAN layouts as (country, BBAN parts): `n` digits, `a` capital letters,
/// `c` letters or digits, with their counts (from the IBAN registry).
pub(super) const IBAN_FORMATS: &[(&str, &[(char, usize)])] = &[
    ("AT", &[('n', 16)]),
    ("BE", &[('n', 12)]),
    ("CH", &[('n', 5), ('c', 12)]),
    ("CZ", &[('n', 20)]),
    ("DE", &[('n', 18)]),
    ("DK", &[('n', 14)]),
    ("ES", &[('n', 20)]),
    ("FI", &[('n', 14)]),
    ("FR", &[('n', 10), ('c', 11), ('n', 2)]),
    ("GB", &[('a', 4), ('n', 14)]),
    ("GR", &[('n', 7), ('c', 16)]),
    ("IE", &[('a', 4), ('n', 14)]),
    ("IT", &[('a', 1), ('n', 10), ('c', 12)]),
    ("LU", &[('n', 3), ('c', 13)]),
    ("MT", &[('a', 4), ('n', 5), ('c', 18)]),
    ("NL", &[('a', 4), ('n', 10)]),
    ("NO", &[('n', 11)]),
    ("PL", &[('n', 24)]),
    ("PT", &[('n', 21)]),
    ("SE", &[('n', 20)]),
];

// ---- hacker talk ----------------------------------------------------------

pub(super) const HACKER_ABBREVIATIONS: &str = "
    ADP, AGP, AI, API, CSS, DNS, EXE, FTP, GB, HDD, HTML, HTTP, IP, JBOD, JSON, OCR, PCI, PNG,
    RAM, REST, RSS, SAS, SCSI, SMTP, SQL, SSD, SSL, TCP, USB, UTF8, XML, XSS, YAML";

pub(super) const HACKER_ADJECTIVES: &str = "
    auxiliary, primary, back-end, digital, open-source, virtual, cross-platform, redundant,
    online, haptic, multi-byte, bluetooth, wireless, 1080p, neural, optical, solid state,
    mobile, quantum, encrypted, distributed, headless, serverless, asynchronous, embedded,
    legacy";

pub(super) const HACKER_NOUNS: &str = "
    driver, protocol, bandwidth, panel, microchip, program, port, card, array, interface,
    system, sensor, firewall, hard drive, pixel, alarm, feed, monitor, application,
    transmitter, bus, circuit, capacitor, matrix, socket, kernel, cache, compiler, pipeline,
    cluster, container, endpoint, payload, router";

/// Hacker verbs as `verb/-ing form`.
pub(super) const HACKER_VERBS: &str = "
    back up/backing up, bypass/bypassing, hack/hacking, override/overriding,
    compress/compressing, copy/copying, navigate/navigating, index/indexing,
    connect/connecting, generate/generating, quantify/quantifying, calculate/calculating,
    synthesize/synthesizing, input/inputting, transmit/transmitting, program/programming,
    reboot/rebooting, parse/parsing, compile/compiling, deploy/deploying, encrypt/encrypting,
    refactor/refactoring, cache/caching, debug/debugging";

/// Phrase templates; `{verb}`, `{ingverb}`, `{noun}`, `{adjective}` and
/// `{abbreviation}` get a fresh word each.
pub(super) const HACKER_PHRASES: &[&str] = &[
    "Try to {verb} the {abbreviation} {noun}, then the {adjective} {noun} will follow!",
    "We have to {verb} the {adjective} {noun} before the {abbreviation} {noun} goes down!",
    "{ingverb} the {noun} is pointless until we {verb} the {adjective} {abbreviation} {noun}.",
    "If you {verb} the {noun}, the {abbreviation} {noun} should {verb} on its own!",
    "The {adjective} {abbreviation} {noun} won't respond, so {verb} the {noun} instead!",
    "Once we {verb} the {abbreviation} {noun}, {ingverb} the {adjective} {noun} gets easy.",
    "Nobody can {verb} the {noun} without {ingverb} the {adjective} {abbreviation} {noun}!",
    "Let's {verb} the {adjective} {noun} and see whether the {abbreviation} {noun} survives.",
];

// ---- internet -------------------------------------------------------------

pub(super) const FREE_EMAIL_DOMAINS: &str =
    "gmail.com, yahoo.com, hotmail.com, outlook.com, icloud.com";

/// The domains RFC 2606 reserves for examples.
pub(super) const EXAMPLE_EMAIL_DOMAINS: &str = "example.com, example.org, example.net";

pub(super) const DOMAIN_SUFFIXES: &str = "com, net, org, info, biz, name, io, co";

// ---- lorem ipsum ----------------------------------------------------------

/// Words of Cicero's *De finibus*, as lorem ipsum uses them.
pub(super) const LOREM_WORDS: &str = "
    a, ab, accusamus, ad, adipisci, alias, aliquam, aliquid, amet, animi, aperiam, architecto,
    asperiores, aspernatur, assumenda, at, atque, aut, autem, beatae, blanditiis, commodi,
    consectetur, consequatur, corporis, corrupti, culpa, cum, cumque, cupiditate, debitis,
    delectus, deleniti, deserunt, dicta, dignissimos, distinctio, dolor, dolore, dolorem,
    doloremque, dolores, ducimus, ea, eaque, earum, eius, eligendi, enim, eos, error, esse, est,
    et, eum, eveniet, ex, excepturi, expedita, explicabo, facere, facilis, fuga, fugiat, harum,
    hic, id, illo, impedit, in, incidunt, inventore, ipsa, ipsam, ipsum, iste, itaque, iure,
    iusto, labore, laboriosam, laborum, laudantium, libero, magnam, magni, maiores, maxime,
    minima, minus, modi, molestiae, mollitia, nam, natus, nemo, neque, nesciunt, nihil, nisi,
    nobis, non, nostrum, nulla, numquam, obcaecati, odio, odit, officia, omnis, optio,
    pariatur, perferendis, perspiciatis, placeat, porro, possimus, praesentium, provident,
    quae, quaerat, quam, quas, quasi, qui, quia, quibusdam, quidem, quis, quisquam, quo, quod,
    quos, ratione, recusandae, rem, repellat, reprehenderit, rerum, saepe, sapiente, sed,
    sequi, similique, sint, sit, soluta, sunt, suscipit, tempora, tempore, tenetur, totam,
    ullam, unde, ut, vel, velit, veniam, veritatis, vero, vitae, voluptas, voluptate,
    voluptatem, voluptatum";

// ---- files and systems ----------------------------------------------------

pub(super) const DIRECTORY_PATHS: &str = "
    /bin, /boot, /dev, /etc, /etc/nginx, /etc/ssl, /home, /home/user, /home/user/documents,
    /lib, /media, /mnt, /opt, /opt/app, /proc, /root, /run, /sbin, /srv, /srv/www, /sys, /tmp,
    /usr, /usr/bin, /usr/include, /usr/lib, /usr/local, /usr/local/bin, /usr/share, /usr/src,
    /var, /var/cache, /var/lib, /var/log, /var/mail, /var/spool, /var/tmp, /var/www,
    /Applications, /Library, /System, /Users, /private/tmp, /Volumes";

/// MIME types with their file extensions (space-separated).
pub(super) const MIME_TYPES: &[(&str, &str)] = &[
    ("application/json", "json"),
    ("application/xml", "xml"),
    ("application/pdf", "pdf"),
    ("application/zip", "zip"),
    ("application/gzip", "gz"),
    ("application/x-tar", "tar"),
    ("application/msword", "doc"),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    ("application/vnd.ms-excel", "xls"),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    ("application/vnd.ms-powerpoint", "ppt"),
    ("application/rtf", "rtf"),
    ("application/javascript", "js mjs"),
    ("application/octet-stream", "bin exe dll"),
    ("application/epub+zip", "epub"),
    ("application/x-7z-compressed", "7z"),
    ("application/x-sh", "sh"),
    ("application/sql", "sql"),
    ("application/wasm", "wasm"),
    ("application/yaml", "yaml yml"),
    ("audio/mpeg", "mp3 mpga"),
    ("audio/wav", "wav"),
    ("audio/ogg", "ogg oga"),
    ("audio/flac", "flac"),
    ("audio/aac", "aac"),
    ("audio/midi", "mid midi"),
    ("image/png", "png"),
    ("image/jpeg", "jpeg jpg jpe"),
    ("image/gif", "gif"),
    ("image/webp", "webp"),
    ("image/svg+xml", "svg"),
    ("image/bmp", "bmp"),
    ("image/tiff", "tiff tif"),
    ("image/avif", "avif"),
    ("text/html", "html htm"),
    ("text/plain", "txt text log"),
    ("text/css", "css"),
    ("text/csv", "csv"),
    ("text/markdown", "md markdown"),
    ("text/calendar", "ics"),
    ("video/mp4", "mp4 m4v"),
    ("video/mpeg", "mpeg mpg"),
    ("video/webm", "webm"),
    ("video/quicktime", "mov qt"),
    ("video/x-msvideo", "avi"),
    ("video/x-matroska", "mkv"),
    ("font/woff", "woff"),
    ("font/woff2", "woff2"),
    ("font/ttf", "ttf"),
    ("model/gltf+json", "gltf"),
];

/// The MIME types common file names and extensions come from.
pub(super) const COMMON_MIME_TYPES: &str = "
    application/pdf, audio/mpeg, audio/wav, image/png, image/jpeg, image/gif, video/mp4,
    video/mpeg, text/html";

pub(super) const COMMON_FILE_TYPES: &str = "video, audio, image, text, application";

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    const LISTS: &[&str] = &[
        FIRST_NAMES,
        LAST_NAMES,
        NAME_PREFIXES,
        NAME_SUFFIXES,
        JOB_DESCRIPTORS,
        JOB_AREAS,
        JOB_TYPES,
        CITY_PREFIXES,
        CITY_SUFFIXES,
        CITY_NAMES,
        STREET_SUFFIXES,
        COUNTRIES,
        COUNTRY_CODES,
        LOCALES,
        COLORS,
        DEPARTMENTS,
        PRODUCT_ADJECTIVES,
        PRODUCT_MATERIALS,
        PRODUCTS,
        COMPANY_SUFFIXES,
        CATCH_PHRASE_ADJECTIVES,
        CATCH_PHRASE_DESCRIPTORS,
        CATCH_PHRASE_NOUNS,
        BS_VERBS,
        BS_ADJECTIVES,
        BS_NOUNS,
        DATABASE_COLUMNS,
        DATABASE_TYPES,
        DATABASE_COLLATIONS,
        DATABASE_ENGINES,
        MONTHS,
        WEEKDAYS,
        ACCOUNT_TYPES,
        TRANSACTION_TYPES,
        HACKER_ABBREVIATIONS,
        HACKER_ADJECTIVES,
        HACKER_NOUNS,
        HACKER_VERBS,
        FREE_EMAIL_DOMAINS,
        EXAMPLE_EMAIL_DOMAINS,
        DOMAIN_SUFFIXES,
        LOREM_WORDS,
        DIRECTORY_PATHS,
        COMMON_MIME_TYPES,
        COMMON_FILE_TYPES,
    ];

    #[test]
    fn lists_are_non_empty_without_duplicates() {
        for list in LISTS {
            let all: Vec<&str> = entries(list).collect();
            assert!(!all.is_empty(), "empty list: {list}");
            let unique: HashSet<&str> = all.iter().copied().collect();
            assert_eq!(unique.len(), all.len(), "duplicate entry in: {list}");
        }
    }

    #[test]
    fn common_mime_types_have_extensions() {
        for mime in entries(COMMON_MIME_TYPES) {
            assert!(
                MIME_TYPES.iter().any(|(m, _)| *m == mime),
                "{mime} missing in MIME_TYPES"
            );
        }
    }

    #[test]
    fn hacker_verbs_have_ing_forms() {
        for pair in entries(HACKER_VERBS) {
            let (verb, ing) = pair.split_once('/').unwrap_or((pair, ""));
            assert!(
                !verb.is_empty() && ing.contains("ing"),
                "bad verb pair {pair}"
            );
        }
    }
}
