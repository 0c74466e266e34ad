<resource schema="zcat">
  <!-- adqlkit's large test table for chunked/partitioned runs (issue 7).
    Installed as /var/gavo/inputs/zcat/big.rd by scripts/dachs-up.sh, which
    replaces @BIG_ROWS@ by $DACHS_BIG_ROWS (default 1000000); imported
    separately with `dachs imp zcat/big`.

    The rows are generated inside PostgreSQL (a preIndex script), not from a
    file: that keeps a million-row import at seconds instead of minutes.
    Values are deterministic functions of id (additive recurrences, i.e.
    fractional parts of id times irrational constants), so every import of
    the same size gives the same table, ids 1..N without gaps, positions
    spread evenly over the whole sky whatever id range is taken. -->
  <meta name="title">Synthetic large catalogue for chunked TAP queries</meta>
  <meta name="description">
    A deterministic synthetic all-sky catalogue (zcat.big, @BIG_ROWS@ rows,
    ids 1 to @BIG_ROWS@ without gaps) for testing partitioned, parallel
    and resumable TAP queries.  None of the values are real.
  </meta>
  <meta name="creationDate">2026-01-01T00:00:00</meta>
  <meta name="subject">virtual-observatories</meta>
  <meta name="creator.name">adqlkit test suite</meta>
  <meta name="content.type">Catalog</meta>
  <meta name="rights">Public domain test data.</meta>

  <table id="big" onDisk="True" adql="True" primary="id">
    <meta name="description">Synthetic all-sky sources (@BIG_ROWS@ rows, id
      1 to @BIG_ROWS@ without gaps; positions quasi-uniform on the sphere
      for any id range; mag between 13 and 19, peaked at 16).</meta>
    <meta name="table-rank">50</meta>
    <publish sets="ivo_managed"/>
    <index name="big_spoint" kind="spoint" method="GIST">
      <columns>ra,dec</columns>
      spoint(radians(ra),radians(dec))
    </index>
    <index columns="mag"/>

    <column name="id" type="integer" required="True"
      ucd="meta.id;meta.main" tablehead="ID" verbLevel="1"
      description="Source identifier, 1 to @BIG_ROWS@ without gaps
        (primary key)."/>
    <column name="ra" type="double precision" required="True"
      unit="deg" ucd="pos.eq.ra;meta.main" tablehead="RA (ICRS)"
      verbLevel="1" description="Right ascension, ICRS."/>
    <column name="dec" type="double precision" required="True"
      unit="deg" ucd="pos.eq.dec;meta.main" tablehead="Dec (ICRS)"
      verbLevel="1" description="Declination, ICRS."/>
    <column name="mag" type="real" required="True"
      unit="mag" ucd="phot.mag;em.opt.V" tablehead="V"
      verbLevel="1" description="Apparent V magnitude (13 to 19, triangular around 16)."/>
    <column name="mag_err" type="real"
      unit="mag" ucd="stat.error;phot.mag;em.opt.V" tablehead="Err(V)"
      verbLevel="5" description="Uncertainty of mag; NULL when id is a
        multiple of 50."/>
    <column name="obj_class" type="smallint" required="True"
      ucd="src.class" tablehead="Class" verbLevel="5"
      description="Object class: 0 star, 1 galaxy, 2 qso."/>
    <column name="redshift" type="real"
      ucd="src.redshift" tablehead="z" verbLevel="5"
      description="Redshift (0 for stars)."/>
  </table>

  <data id="import">
    <make table="big">
      <!-- id*c mod 1 for irrational c: a deterministic, evenly spread
        sequence (the R2 sequence for ra/dec).  Rounded so that text and
        binary serializations agree. -->
      <script type="preIndex" lang="SQL" name="generate rows">
        INSERT INTO \qName (id, ra, dec, mag, mag_err, obj_class, redshift)
        SELECT i,
          round((360*((i*0.7548776662466927)::numeric % 1))::numeric, 6),
          round(degrees(asin(2*((i*0.5698402909980532)::numeric % 1)-1))::numeric, 6),
          round((16+3*((i*0.4142135623730950)::numeric % 1)
            +3*((i*0.7320508075688772)::numeric % 1)-3)::numeric, 3),
          CASE WHEN i % 50 = 0 THEN NULL
            ELSE round((0.005+0.1*((i*0.2360679774997897)::numeric % 1))::numeric, 4) END,
          (i % 7) % 3,
          CASE WHEN (i % 7) % 3 = 0 THEN 0
            ELSE round((2*((i*0.1622776601683793)::numeric % 1))::numeric, 4) END
        FROM generate_series(1, @BIG_ROWS@) AS i
      </script>
      <script type="postCreation" lang="SQL" name="analyze">
        ANALYZE \qName
      </script>
    </make>
  </data>
</resource>
