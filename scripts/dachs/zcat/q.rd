<resource schema="zcat">
  <!-- adqlkit's test catalogue (installed as /var/gavo/inputs/zcat/q.rd by
    scripts/dachs-up.sh; data from gen_zcat.py).  Tables: zcat.main,
    zcat.truth_match (foreign key to main), zcat.photometry (delimited
    mixed-case column names "MagAB", "MagErr", "Dec").  Service: zcat/q/cone
    (Simple Cone Search on zcat.main). -->
  <meta name="title">Synthetic Redshift Catalogue for TAP client CI</meta>
  <meta name="description">
    A small, deterministic, synthetic galaxy redshift catalogue
    (zcat.main) plus a joinable truth table (zcat.truth_match) and
    multi-band photometry with delimited mixed-case column names
    (zcat.photometry).  It exists only to exercise TAP clients in
    continuous integration; none of the values are real.
  </meta>
  <meta name="creationDate">2026-01-01T00:00:00</meta>
  <meta name="subject">redshifted-galaxies</meta>
  <meta name="subject">virtual-observatories</meta>
  <meta name="creator.name">CI Test Suite</meta>
  <meta name="content.type">Catalog</meta>
  <meta name="rights">Public domain test data.</meta>

  <table id="main" onDisk="True" adql="True" primary="id"
      mixin="//scs#pgs-pos-index">
    <meta name="description">Synthetic galaxies with positions, B magnitudes
      and heliocentric radial velocities (5000 rows; 80% of them in a
      20x20 degree field around RA=150, Dec=2, the rest all-sky).</meta>
    <meta name="table-rank">10</meta>
    <!-- a registry record of its own (a CatalogResource with an auxiliary
      TAP capability), so RegTAP searches with includeaux find it -->
    <publish sets="ivo_managed"/>

    <column name="id" type="integer" required="True"
      ucd="meta.id;meta.main" tablehead="ID" verbLevel="1"
      description="Running number of the object (primary key)."/>
    <column name="name" type="unicode"
      ucd="meta.id" tablehead="Name" verbLevel="1"
      description="Designation of the object (a few contain quotes,
        commas, non-ASCII characters, or XML specials on purpose)."/>
    <column name="ra" type="double precision" required="True"
      unit="deg" ucd="pos.eq.ra;meta.main" tablehead="RA (ICRS)"
      verbLevel="1"
      description="Right ascension, ICRS, epoch J2000."/>
    <column name="dec" type="double precision" required="True"
      unit="deg" ucd="pos.eq.dec;meta.main" tablehead="Dec (ICRS)"
      verbLevel="1"
      description="Declination, ICRS, epoch J2000."/>
    <column name="bmag" type="real"
      unit="mag" ucd="phot.mag;em.opt.B" tablehead="B"
      verbLevel="5"
      description="Apparent B magnitude."/>
    <column name="radial_velocity" type="real"
      unit="km/s" ucd="spect.dopplerVeloc.opt" tablehead="cz"
      verbLevel="5"
      description="Heliocentric radial velocity (cz)."/>
    <column name="radial_velocity_error" type="real"
      unit="km/s" ucd="stat.error;spect.dopplerVeloc.opt" tablehead="Err(cz)"
      verbLevel="5"
      description="Uncertainty of radial_velocity; NULL for about 5% of
        the rows."/>
    <column name="morph_type" type="text"
      ucd="src.morph.type" tablehead="Morph."
      verbLevel="10"
      description="Morphological type (Hubble sequence); NULL for about 3%
        of the rows."/>
    <column name="obs_date" type="timestamp"
      ucd="time.epoch;obs" tablehead="Obs. date" verbLevel="15"
      description="Date and time of the (simulated) spectroscopic
        observation (UTC)."/>
  </table>

  <table id="truth_match" onDisk="True" adql="True" primary="zcat_id">
    <meta name="description">Synthetic ground truth for about 80% of the
      objects in zcat.main; join on zcat_id = zcat.main.id.</meta>
    <foreignKey inTable="main" source="zcat_id" dest="id"/>

    <column name="zcat_id" type="integer" required="True"
      ucd="meta.id;meta.main" tablehead="ID"
      description="Identifier of the matched object in zcat.main (id)."/>
    <column name="true_z" type="double precision"
      ucd="src.redshift" tablehead="z_true"
      description="True (simulated) redshift."/>
    <column name="true_class" type="text"
      ucd="src.class" tablehead="Class"
      description="True object class: galaxy, qso, or star."/>
    <column name="match_sep" type="real"
      unit="arcsec" ucd="pos.angDistance" tablehead="Sep."
      description="Separation between catalogue and truth position."/>
    <column name="match_flag" type="smallint"
      ucd="meta.code.qual" tablehead="Flag"
      description="Match quality flag (0 bad, 1 good, 2 ambiguous).">
      <values nullLiteral="-1"/>
    </column>
  </table>

  <table id="photometry" onDisk="True" adql="True" primary="phot_id">
    <meta name="description">Synthetic g, r, i photometry (3000 rows) of the
      objects in zcat.main with id % 5 = 1.  Its columns "MagAB", "MagErr"
      and "Dec" are delimited (case-sensitive) identifiers: in ADQL they
      must be written with double quotes and in exactly this case.</meta>
    <foreignKey inTable="main" source="zcat_id" dest="id"/>

    <column name="phot_id" type="integer" required="True"
      ucd="meta.id;meta.main" tablehead="Phot. ID"
      description="Identifier of the measurement (primary key)."/>
    <column name="zcat_id" type="integer" required="True"
      ucd="meta.id" tablehead="ID"
      description="Identifier of the measured object in zcat.main (id)."/>
    <column name="band" type="text" required="True"
      ucd="instr.bandpass" tablehead="Band"
      description="Photometric band: g, r or i."/>
    <column name="quoted/MagAB" type="real"
      unit="mag" ucd="phot.mag" tablehead="Mag (AB)"
      description="AB magnitude in band (a delimited identifier: write
        &quot;MagAB&quot; in ADQL)."/>
    <column name="quoted/MagErr" type="real"
      unit="mag" ucd="stat.error;phot.mag" tablehead="Err(Mag)"
      description="Uncertainty of &quot;MagAB&quot; (a delimited identifier)."/>
    <column name="quoted/Dec" type="double precision"
      unit="deg" ucd="pos.eq.dec" tablehead="Dec (det.)"
      description="Declination of the detection, ICRS (a delimited
        identifier: &quot;Dec&quot;, distinct from zcat.main.dec)."/>
  </table>

  <data id="import_main">
    <sources>data/zcat.csv</sources>
    <csvGrammar enc="utf-8"/>
    <make table="main">
      <rowmaker idmaps="*">
        <map key="name">@name or None</map>
        <map key="morph_type">@morph_type or None</map>
      </rowmaker>
    </make>
  </data>

  <data id="import_truth">
    <sources>data/truth_match.csv</sources>
    <csvGrammar enc="utf-8"/>
    <make table="truth_match">
      <rowmaker idmaps="*"/>
    </make>
  </data>

  <data id="import_photometry">
    <sources>data/photometry.csv</sources>
    <csvGrammar enc="utf-8"/>
    <make table="photometry">
      <rowmaker idmaps="*"/>
    </make>
  </data>

  <!-- Simple Cone Search 1.03 on zcat.main:
       http://127.0.0.1:8080/zcat/q/cone/scs.xml?RA=..&DEC=..&SR=.. -->
  <service id="cone" allowed="form,scs.xml">
    <meta name="title">Synthetic zcat cone search</meta>
    <meta name="shortName">zcat cone</meta>
    <meta name="testQuery.ra">150.0</meta>
    <meta name="testQuery.dec">2.0</meta>
    <meta name="testQuery.sr">0.5</meta>
    <meta name="_example" title="Cone around the field centre">
      A cone of 0.5 degrees around the survey field centre:
      :genparam:`RA(150.0)`, :genparam:`DEC(2.0)`, :genparam:`SR(0.5)`.
    </meta>
    <publish render="scs.xml" sets="ivo_managed"/>
    <publish render="form" sets="ivo_managed,local"/>
    <scsCore queriedTable="main">
      <FEED source="//scs#coreDescs"/>
    </scsCore>
  </service>

  <regSuite title="zcat regression">
    <regTest title="zcat has 5000 rows via TAP">
      <url LANG="ADQL" QUERY="SELECT COUNT(*) AS n FROM zcat.main"
        REQUEST="doQuery">/tap/sync</url>
      <code>
        self.assertHasStrings("5000")
      </code>
    </regTest>
  </regSuite>
</resource>
