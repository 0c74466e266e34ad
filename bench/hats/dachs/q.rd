<resource schema="hatsbench">
  <!-- The HATS benchmark's two catalogues in DaCHS (bench/hats/run.ts), for the
    comparison with PostgreSQL + pgSphere. Installed as
    /var/gavo/inputs/hatsbench/q.rd by bench/hats/dachs-load.sh, which replaces
    @ROWS@; not published to the registry (the test suite's records stay as they are).

    sky: the rows of zcat.big (scripts/dachs/zcat/big.rd) for ids 1..@ROWS@ (R2
    low-discrepancy positions, a deterministic function of id), which the benchmark
    generates identically in DuckDB. near: every sky row moved in Dec by less than
    0.3 arcsec (another fractional-part sequence of id), so a 1-arcsec cross-match of
    the two pairs each row with its own partner. -->
  <meta name="title">HATS benchmark catalogues</meta>
  <meta name="description">Synthetic all-sky catalogues for adqlkit's HATS benchmark (@ROWS@ rows each). None of the values are real.</meta>
  <meta name="creationDate">2026-12-06T00:00:00</meta>
  <meta name="subject">virtual-observatories</meta>
  <meta name="creator.name">adqlkit benchmark</meta>

  <table id="sky" onDisk="True" adql="True" primary="id">
    <meta name="description">Synthetic all-sky sources, ids 1 to @ROWS@.</meta>
    <index name="sky_spoint" kind="spoint" method="GIST">
      <columns>ra,dec</columns>
      spoint(radians(ra),radians(dec))
    </index>
    <column name="id" type="integer" required="True" ucd="meta.id;meta.main"/>
    <column name="ra" type="double precision" required="True" unit="deg" ucd="pos.eq.ra;meta.main"/>
    <column name="dec" type="double precision" required="True" unit="deg" ucd="pos.eq.dec;meta.main"/>
    <column name="mag" type="real" required="True" unit="mag" ucd="phot.mag"/>
  </table>

  <table id="near" onDisk="True" adql="True" primary="id">
    <meta name="description">The sky rows moved in Dec by less than 0.3 arcsec.</meta>
    <index name="near_spoint" kind="spoint" method="GIST">
      <columns>ra,dec</columns>
      spoint(radians(ra),radians(dec))
    </index>
    <column name="id" type="integer" required="True" ucd="meta.id;meta.main"/>
    <column name="ra" type="double precision" required="True" unit="deg" ucd="pos.eq.ra;meta.main"/>
    <column name="dec" type="double precision" required="True" unit="deg" ucd="pos.eq.dec;meta.main"/>
  </table>

  <data id="import_sky">
    <make table="sky">
      <script type="preIndex" lang="SQL" name="generate rows">
        INSERT INTO \qName (id, ra, dec, mag)
        SELECT i,
          round((360*((i*0.7548776662466927)::numeric % 1))::numeric, 6),
          round(degrees(asin(2*((i*0.5698402909980532)::numeric % 1)-1))::numeric, 6),
          round((16+3*((i*0.4142135623730950)::numeric % 1)
            +3*((i*0.7320508075688772)::numeric % 1)-3)::numeric, 3)
        FROM generate_series(1, @ROWS@) AS i
      </script>
      <script type="postCreation" lang="SQL" name="analyze">ANALYZE \qName</script>
    </make>
  </data>

  <data id="import_near">
    <make table="near">
      <script type="preIndex" lang="SQL" name="generate rows">
        INSERT INTO \qName (id, ra, dec)
        SELECT i, ra,
          LEAST(90, GREATEST(-90, round(dec + (((i*0.2360679774997897)::numeric % 1) - 0.5) * 0.6 / 3600, 6)))
        FROM (SELECT i,
            round((360*((i*0.7548776662466927)::numeric % 1))::numeric, 6) AS ra,
            round(degrees(asin(2*((i*0.5698402909980532)::numeric % 1)-1))::numeric, 6) AS dec
          FROM generate_series(1, @ROWS@) AS i) AS s
      </script>
      <script type="postCreation" lang="SQL" name="analyze">ANALYZE \qName</script>
    </make>
  </data>
</resource>
