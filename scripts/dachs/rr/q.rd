<resource schema="rr">
  <!-- adqlkit's RegTAP 1.1 stand-in: the rr schema filled with this DaCHS
    site's own published resources.  DaCHS 2.7 in Debian ships no RegTAP RD
    (GAVO's rr RD lives outside the package), so scripts/dachs-up.sh
    harvests the site's own OAI-PMH endpoint (/oai.xml, ivo_vor), turns the
    records into CSV with gen_rr.py and imports them with `dachs imp rr/q`.
    Installed as /var/gavo/inputs/rr/q.rd.  Column sets follow RegTAP 1.1;
    all tables are queryable through /tap (adql="True"); the TAP service
    declares the RegTAP data model (supportsModel on rr.resource). -->
  <meta name="title">adqlkit test site Registry (RegTAP)</meta>
  <meta name="description">
    A Relational Registry (RegTAP 1.1) of the resources this test site
    publishes: its TAP service, its Simple Cone Search service, its
    registry and authority, and its published tables.  Query it through
    the site's TAP service, e.g. SELECT * FROM rr.resource NATURAL JOIN
    rr.capability.
  </meta>
  <meta name="creationDate">2026-01-01T00:00:00</meta>
  <meta name="subject">virtual-observatories</meta>
  <meta name="creator.name">adqlkit test suite</meta>
  <meta name="content.type">Other</meta>

  <STREAM id="empty-is-null">
    <apply name="empty_is_null">
      <doc>CSV cannot tell NULL from an empty string; RegTAP wants NULL.</doc>
      <code>
        for key in list(vars):
          if vars[key]=="":
            vars[key] = None
      </code>
    </apply>
  </STREAM>

  <table id="resource" onDisk="True" adql="True" primary="ivoid">
    <meta name="description">The resources (services, tables, registries,
      authorities) in this registry, one row each.</meta>
    <property name="supportsModel">Registry 1.1</property>
    <property name="supportsModelURI">ivo://ivoa.net/std/RegTAP#1.1</property>
    <column name="ivoid" type="text" required="True" ucd="meta.ref.ivoid"
      description="Unambiguous reference to the resource conforming to the IVOA standard for identifiers (lowercased)."/>
    <column name="res_type" type="text" description="Resource type (xsi:type with canonical prefix, lowercased), e.g. vs:catalogservice."/>
    <column name="created" type="timestamp" description="The UTC date and time this resource metadata description was created."/>
    <column name="short_name" type="text" description="A short name or abbreviation given to something."/>
    <column name="res_title" type="text" description="The full name given to the resource."/>
    <column name="content_level" type="text" description="A hash-separated list of content levels (lowercased)."/>
    <column name="res_description" type="text" description="An account of the nature of the resource."/>
    <column name="reference_url" type="text" description="URL pointing to a human-readable document describing this resource."/>
    <column name="creator_seq" type="text" description="The creator(s) of the resource in the order given by the resource record author, separated by semicolons."/>
    <column name="content_type" type="text" description="A hash-separated list of natures or genres of the content of the resource (lowercased)."/>
    <column name="source_format" type="text" description="The format of source_value."/>
    <column name="source_value" type="text" description="A bibliographic reference from which the present resource is derived or extracted."/>
    <column name="res_version" type="text" description="Label associated with creation or availablilty of a version of a resource."/>
    <column name="region_of_regard" type="real" unit="deg" description="A single numeric value representing the angle, given in decimal degrees, by which a positional query against this resource should be blurred."/>
    <column name="waveband" type="text" description="A hash-separated list of regions of the electro-magnetic spectrum (lowercased)."/>
    <column name="rights" type="text" description="Statements of usage conditions (hash-separated)."/>
    <column name="rights_uri" type="text" description="URIs of the usage conditions (hash-separated)."/>
    <column name="harvested_from" type="text" description="IVOA identifier of the registry this record was harvested from."/>
    <column name="harvested_on" type="timestamp" description="Date and time of the record's last update in this registry."/>
    <column name="updated" type="timestamp" description="The UTC date this resource metadata description was last updated."/>
  </table>

  <table id="res_role" onDisk="True" adql="True">
    <meta name="description">Entities (persons, organisations) related to resources (publisher, creator, contributor, contact).</meta>
    <foreignKey inTable="resource" source="ivoid"/>
    <column name="ivoid" type="text" required="True" ucd="meta.ref.ivoid" description="The parent resource."/>
    <column name="role_name" type="text" description="The real-world name or title of a person or organization."/>
    <column name="role_ivoid" type="text" description="An IVOA identifier of a person or organization."/>
    <column name="street_address" type="text" description="A mailing address for a person or organization."/>
    <column name="email" type="text" description="An email address the entity can be reached at."/>
    <column name="telephone" type="text" description="A telephone number the entity can be reached at."/>
    <column name="logo" type="text" description="URL pointing to a graphical logo."/>
    <column name="base_role" type="text" description="The role played by this entity; one of contact, publisher, contributor, or creator."/>
    <column name="role_seq" type="smallint" required="True" description="A sequence number of the role within its base_role."/>
  </table>

  <table id="res_subject" onDisk="True" adql="True">
    <meta name="description">Topics, object types, or other descriptive keywords about the resource.</meta>
    <foreignKey inTable="resource" source="ivoid"/>
    <column name="ivoid" type="text" required="True" ucd="meta.ref.ivoid" description="The parent resource."/>
    <column name="res_subject" type="text" description="One term from the resource's subjects."/>
  </table>

  <table id="capability" onDisk="True" adql="True" primary="ivoid,cap_index">
    <meta name="description">Pieces of behaviour of a resource (e.g. a TAP or cone search endpoint).</meta>
    <foreignKey inTable="resource" source="ivoid"/>
    <column name="ivoid" type="text" required="True" ucd="meta.ref.ivoid" description="The parent resource."/>
    <column name="cap_index" type="smallint" required="True" description="An arbitrary identifier of this capability within the resource."/>
    <column name="cap_type" type="text" description="The type of capability (xsi:type, lowercased; NULL if none)."/>
    <column name="cap_description" type="text" description="A human-readable description of what this capability provides."/>
    <column name="standard_id" type="text" description="A URI for a standard this capability conforms to (lowercased)."/>
  </table>

  <table id="interface" onDisk="True" adql="True" primary="ivoid,intf_index">
    <meta name="description">Information on access modes of a capability.</meta>
    <foreignKey inTable="resource" source="ivoid"/>
    <column name="ivoid" type="text" required="True" ucd="meta.ref.ivoid" description="The parent resource."/>
    <column name="cap_index" type="smallint" required="True" description="The index of the parent capability."/>
    <column name="intf_index" type="smallint" required="True" description="An arbitrary identifier for the interfaces of a resource."/>
    <column name="intf_type" type="text" description="The type of the interface (xsi:type, lowercased), e.g. vs:paramhttp."/>
    <column name="intf_role" type="text" description="An identifier for the role the interface plays; std for standard interfaces."/>
    <column name="std_version" type="text" description="The version of a standard interface specification."/>
    <column name="query_type" type="text" description="Hash-joined list of expected HTTP method (get or post)."/>
    <column name="result_type" type="text" description="The MIME type of a document returned in the HTTP response."/>
    <column name="wsdl_url" type="text" description="The location of the WSDL that describes this Web Service."/>
    <column name="url_use" type="text" description="A flag indicating whether the URL is to be used as is (full), as a base (base), or otherwise."/>
    <column name="access_url" type="text" description="The URL at which the interface is found."/>
    <column name="mirror_url" type="text" description="Secondary access URLs of this interface, separated by hash marks."/>
    <column name="authenticated_only" type="smallint" required="True" description="1 if the interface is only accessible with authentication, 0 otherwise."/>
    <column name="security_method_id" type="text" description="The standard id of the interface's security method, if any."/>
  </table>

  <table id="intf_param" onDisk="True" adql="True">
    <meta name="description">Input parameters for services.</meta>
    <foreignKey inTable="resource" source="ivoid"/>
    <column name="ivoid" type="text" required="True" ucd="meta.ref.ivoid" description="The parent resource."/>
    <column name="intf_index" type="smallint" required="True" description="The index of the interface this parameter belongs to."/>
    <column name="name" type="text" description="The name of the parameter."/>
    <column name="ucd" type="text" description="A unified content descriptor of the parameter."/>
    <column name="unit" type="text" description="The unit of the parameter's values."/>
    <column name="utype" type="text" description="An identifier for a concept in a data model of the parameter."/>
    <column name="std" type="smallint" description="1 if this parameter is defined by the standard the interface implements.">
      <values nullLiteral="-1"/></column>
    <column name="extended_schema" type="text" description="Namespace of an extended type."/>
    <column name="extended_type" type="text" description="The data type beyond the basic types."/>
    <column name="arraysize" type="text" description="The shape of the array the parameter value is."/>
    <column name="delim" type="text" description="The array delimiter."/>
    <column name="param_description" type="text" description="A free-text description of the parameter."/>
    <column name="datatype" type="text" description="A type of data contained in the parameter."/>
    <column name="param_use" type="text" description="An indication of whether this parameter is required, optional, or ignored."/>
  </table>

  <table id="relationship" onDisk="True" adql="True">
    <meta name="description">Relationships between resources (e.g. a table IsServedBy a TAP service).</meta>
    <foreignKey inTable="resource" source="ivoid"/>
    <column name="ivoid" type="text" required="True" ucd="meta.ref.ivoid" description="The parent resource."/>
    <column name="relationship_type" type="text" description="The named type of relationship (lowercased), e.g. isservedby."/>
    <column name="related_id" type="text" description="The IVOA identifier of the related resource (lowercased)."/>
    <column name="related_name" type="text" description="The name of the related resource."/>
  </table>

  <table id="res_date" onDisk="True" adql="True">
    <meta name="description">Dates associated with resources.</meta>
    <foreignKey inTable="resource" source="ivoid"/>
    <column name="ivoid" type="text" required="True" ucd="meta.ref.ivoid" description="The parent resource."/>
    <column name="date_value" type="timestamp" description="A date associated with an event in the life cycle of the resource."/>
    <column name="value_role" type="text" description="A string indicating what the date refers to, e.g. created, updated."/>
  </table>

  <table id="res_detail" onDisk="True" adql="True">
    <meta name="description">XPath-value pairs for members of resource or capability and their derivations that are less used and/or from VOResource extensions.</meta>
    <foreignKey inTable="resource" source="ivoid"/>
    <column name="ivoid" type="text" required="True" ucd="meta.ref.ivoid" description="The parent resource."/>
    <column name="cap_index" type="smallint" description="The index of the parent capability; NULL for resource-level details.">
      <values nullLiteral="-1"/></column>
    <column name="detail_xpath" type="text" description="The xpath of the data item."/>
    <column name="detail_value" type="text" description="The (string) value of the data item."/>
  </table>

  <table id="res_schema" onDisk="True" adql="True">
    <meta name="description">Sets of tables related to resources.</meta>
    <foreignKey inTable="resource" source="ivoid"/>
    <column name="ivoid" type="text" required="True" ucd="meta.ref.ivoid" description="The parent resource."/>
    <column name="schema_index" type="smallint" required="True" description="An arbitrary identifier for the res_schema rows belonging to a resource."/>
    <column name="schema_description" type="text" description="A free text description of the tableset."/>
    <column name="schema_name" type="text" description="A name for the set of tables."/>
    <column name="schema_title" type="text" description="A descriptive, human-interpretable name for the table set."/>
    <column name="schema_utype" type="text" description="An identifier for a concept in a data model that the data in this schema as a whole represent."/>
  </table>

  <table id="res_table" onDisk="True" adql="True">
    <meta name="description">(Relational) tables that are part of schemata or resources.</meta>
    <foreignKey inTable="resource" source="ivoid"/>
    <column name="ivoid" type="text" required="True" ucd="meta.ref.ivoid" description="The parent resource."/>
    <column name="schema_index" type="smallint" description="Index of the schema this table belongs to.">
      <values nullLiteral="-1"/></column>
    <column name="table_description" type="text" description="A free-text description of the table's contents."/>
    <column name="table_name" type="text" description="The fully qualified name of the table."/>
    <column name="table_index" type="smallint" required="True" description="An arbitrary identifier for the tables belonging to a resource."/>
    <column name="table_title" type="text" description="A descriptive, human-interpretable name for the table."/>
    <column name="table_type" type="text" description="A name for the role this table plays (e.g. output, base_table, view)."/>
    <column name="table_utype" type="text" description="An identifier for a concept in a data model that the data in this table represent."/>
    <column name="nrows" type="bigint" description="The approximate size of the table in rows.">
      <values nullLiteral="-1"/></column>
  </table>

  <table id="table_column" onDisk="True" adql="True">
    <meta name="description">Metadata on columns of a resource's tables.</meta>
    <foreignKey inTable="resource" source="ivoid"/>
    <column name="ivoid" type="text" required="True" ucd="meta.ref.ivoid" description="The parent resource."/>
    <column name="table_index" type="smallint" required="True" description="Index of the table this column belongs to."/>
    <column name="name" type="text" description="The name of the column."/>
    <column name="ucd" type="text" description="A unified content descriptor that describes the scientific content of the column."/>
    <column name="unit" type="text" description="The unit associated with all values in the column."/>
    <column name="utype" type="text" description="An identifier for a role in a data model that the data in this column represents."/>
    <column name="std" type="smallint" description="1 if the meaning and use of this column is reserved and defined by a standard model, 0 otherwise.">
      <values nullLiteral="-1"/></column>
    <column name="extended_schema" type="text" description="Namespace of an extended type."/>
    <column name="extended_type" type="text" description="The data type beyond the basic types."/>
    <column name="arraysize" type="text" description="The shape of the array."/>
    <column name="delim" type="text" description="The array delimiter."/>
    <column name="type_system" type="text" description="The type system the datatype belongs to (xsi:type of dataType, lowercased)."/>
    <column name="datatype" type="text" description="The type of the data contained in the column."/>
    <column name="column_description" type="text" description="A free-text description of the column's contents."/>
    <column name="flag" type="text" description="Hash-separated keywords representing traits of the column (indexed, primary, nullable)."/>
  </table>

  <table id="validation" onDisk="True" adql="True">
    <meta name="description">Validation levels for resources and capabilities.</meta>
    <foreignKey inTable="resource" source="ivoid"/>
    <column name="ivoid" type="text" required="True" ucd="meta.ref.ivoid" description="The parent resource."/>
    <column name="validated_by" type="text" description="The IVOA ID of the registry or organisation that assigned the validation level."/>
    <column name="val_level" type="smallint" description="A numeric grade describing the quality of the resource description.">
      <values nullLiteral="-1"/></column>
    <column name="cap_index" type="smallint" description="If non-NULL, the validation only refers to the capability referenced here.">
      <values nullLiteral="-1"/></column>
  </table>

  <table id="alt_identifier" onDisk="True" adql="True">
    <meta name="description">Alternate identifiers for the resource (e.g. DOIs).</meta>
    <foreignKey inTable="resource" source="ivoid"/>
    <column name="ivoid" type="text" required="True" ucd="meta.ref.ivoid" description="The parent resource."/>
    <column name="alt_identifier" type="text" description="An identifier for the resource or the entity defined in the resource."/>
  </table>

  <LOOP listItems="resource res_role res_subject capability interface
      intf_param relationship res_date res_detail res_schema res_table
      table_column validation alt_identifier">
    <events>
      <data id="import_\item">
        <sources>data/\item.csv</sources>
        <csvGrammar enc="utf-8"/>
        <make table="\item">
          <rowmaker idmaps="*">
            <FEED source="empty-is-null"/>
          </rowmaker>
        </make>
      </data>
    </events>
  </LOOP>
</resource>
