#!/usr/bin/python3
"""Turn this DaCHS site's own VOResource records into RegTAP 1.1 table rows.

DaCHS 2.7 (Debian) publishes VOResource records through OAI-PMH
(/oai.xml) but ships no RegTAP (rr) schema: that lives in GAVO's separate
registry RD.  This script is adqlkit's small stand-in: it reads an OAI-PMH
ListRecords response (metadataPrefix=ivo_vor) and writes one CSV file per
rr table (resource.csv, capability.csv, ...) that rr/q.rd imports.

Mapping rules follow RegTAP 1.1: ivoids, standard ids, xsi:types (with the
canonical prefixes) and the other "lowercased" columns are lowercased;
multi-valued fields are '#'-joined; indexes are 1-based in document order.
res_detail carries every leaf value and ivo-id attribute of a capability
(except its interfaces and descriptions) plus a few resource-level details (managedAuthority,
managingOrg, full, facility, instrument, format, coverage/footprint).

Usage: gen_rr.py SOURCE OUTDIR
  SOURCE is an OAI-PMH ListRecords document (a file or an http URL), or
  "dachs" to build it in-process through DaCHS's own OAI-PMH code (no
  running server needed; run as the DaCHS user, e.g. dachsroot).
"""
import csv
import io
import os
import sys
import urllib.request
import xml.etree.ElementTree as ET

OAI = "{http://www.openarchives.org/OAI/2.0/}"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
# RegTAP's canonical prefixes, by namespace URI without its version part
CANONICAL_PREFIX = {
    "http://www.ivoa.net/xml/VOResource/": "vr",
    "http://www.ivoa.net/xml/VODataService/": "vs",
    "http://www.ivoa.net/xml/VORegistry/": "vg",
    "http://www.ivoa.net/xml/TAPRegExt/": "tr",
    "http://www.ivoa.net/xml/ConeSearch/": "cs",
    "http://www.ivoa.net/xml/SIA/": "sia",
    "http://www.ivoa.net/xml/SSA/": "ssa",
    "http://www.ivoa.net/xml/SLAP/": "slap",
    "http://www.ivoa.net/xml/StandardsRegExt/": "vstd",
    "http://www.ivoa.net/xml/DocRegExt/": "doc",
}
HARVESTED_FROM = "ivo://adqlkit.test/__system__/services/registry"

TABLES = {
    "resource": ["ivoid", "res_type", "created", "short_name", "res_title",
        "content_level", "res_description", "reference_url", "creator_seq",
        "content_type", "source_format", "source_value", "res_version",
        "region_of_regard", "waveband", "rights", "rights_uri",
        "harvested_from", "harvested_on", "updated"],
    "res_role": ["ivoid", "role_name", "role_ivoid", "street_address",
        "email", "telephone", "logo", "base_role", "role_seq"],
    "res_subject": ["ivoid", "res_subject"],
    "capability": ["ivoid", "cap_index", "cap_type", "cap_description",
        "standard_id"],
    "interface": ["ivoid", "cap_index", "intf_index", "intf_type",
        "intf_role", "std_version", "query_type", "result_type", "wsdl_url",
        "url_use", "access_url", "mirror_url", "authenticated_only",
        "security_method_id"],
    "intf_param": ["ivoid", "intf_index", "name", "ucd", "unit", "utype",
        "std", "extended_schema", "extended_type", "arraysize", "delim",
        "param_description", "datatype", "param_use"],
    "relationship": ["ivoid", "relationship_type", "related_id",
        "related_name"],
    "res_date": ["ivoid", "date_value", "value_role"],
    "res_detail": ["ivoid", "cap_index", "detail_xpath", "detail_value"],
    "res_schema": ["ivoid", "schema_index", "schema_description",
        "schema_name", "schema_title", "schema_utype"],
    "res_table": ["ivoid", "schema_index", "table_description", "table_name",
        "table_index", "table_title", "table_type", "table_utype", "nrows"],
    "table_column": ["ivoid", "table_index", "name", "ucd", "unit", "utype",
        "std", "extended_schema", "extended_type", "arraysize", "delim",
        "type_system", "datatype", "column_description", "flag"],
    "validation": ["ivoid", "validated_by", "val_level", "cap_index"],
    "alt_identifier": ["ivoid", "alt_identifier"],
}


def read_source(src):
    if src == "dachs":
        from gavo import api  # noqa: F401 (initialises DaCHS)
        from gavo.registry import oaiinter
        return oaiinter.runPMH({"verb": "ListRecords", "metadataPrefix": "ivo_vor"},
            oaiinter.RegistryCore.builders).render()
    if src.startswith("http://") or src.startswith("https://"):
        with urllib.request.urlopen(src, timeout=60) as resp:
            return resp.read()
    with open(src, "rb") as f:
        return f.read()


def namespace_map(data):
    """prefix -> namespace URI for every declaration in the document."""
    nsmap = {}
    for _, (prefix, uri) in ET.iterparse(io.BytesIO(data), events=["start-ns"]):
        nsmap.setdefault(prefix, uri)
    return nsmap


class Mapper:
    def __init__(self, nsmap):
        self.nsmap = nsmap
        self.rows = {name: [] for name in TABLES}

    def xsi_type(self, el):
        """The element's xsi:type with RegTAP's canonical prefix, lowercased."""
        value = el.get(XSI_TYPE)
        if not value:
            return None
        prefix, _, local = value.rpartition(":")
        uri = self.nsmap.get(prefix, "")
        for base, canonical in CANONICAL_PREFIX.items():
            if uri.startswith(base):
                prefix = canonical
                break
        return f"{prefix}:{local}".lower() if prefix else local.lower()

    def add(self, table, **values):
        unknown = set(values) - set(TABLES[table])
        assert not unknown, f"{table}: unknown columns {unknown}"
        self.rows[table].append(values)

    def resource(self, res, harvested_on):
        ivoid = text(res.find("identifier")).lower()
        content = res.find("content")
        curation = res.find("curation")
        creators = curation.findall("creator") if curation is not None else []
        self.add("resource",
            ivoid=ivoid,
            res_type=self.xsi_type(res),
            created=res.get("created"),
            short_name=text(res.find("shortName")),
            res_title=text(res.find("title")),
            content_level=hashjoin(content, "contentLevel", lower=True),
            res_description=text(content.find("description")) if content is not None else None,
            reference_url=text(content.find("referenceURL")) if content is not None else None,
            creator_seq="; ".join(text(c.find("name")) or "" for c in creators) or None,
            content_type=hashjoin(content, "type", lower=True),
            source_format=attr(content, "source", "format"),
            source_value=text(content.find("source")) if content is not None else None,
            res_version=text(res.find("version")),
            region_of_regard=text(res.find("coverage/regionOfRegard")),
            waveband=hashjoin(res.find("coverage"), "waveband", lower=True),
            rights="#".join(text(r) for r in res.findall("rights")) or None,
            rights_uri="#".join(r.get("rightsURI") for r in res.findall("rights")
                if r.get("rightsURI")) or None,
            harvested_from=HARVESTED_FROM,
            harvested_on=harvested_on,
            updated=res.get("updated"))
        for alt in res.findall("altIdentifier"):
            self.add("alt_identifier", ivoid=ivoid, alt_identifier=text(alt))
        self.roles(ivoid, curation)
        if content is not None:
            for subject in content.findall("subject"):
                self.add("res_subject", ivoid=ivoid, res_subject=text(subject))
            for rel in content.findall("relationship"):
                for related in rel.findall("relatedResource"):
                    self.add("relationship", ivoid=ivoid,
                        relationship_type=text(rel.find("relationshipType")).lower(),
                        related_id=(related.get("ivo-id") or "").lower() or None,
                        related_name=text(related))
        if curation is not None:
            for date in curation.findall("date"):
                self.add("res_date", ivoid=ivoid, date_value=text(date),
                    value_role=date.get("role") or "representative")
        for path in ("managedAuthority", "managingOrg", "full", "facility",
                "instrument", "format", "coverage/footprint"):
            for el in res.findall(path):
                self.detail(ivoid, None, "/" + path, text(el))
                if el.get("ivo-id"):
                    self.detail(ivoid, None, f"/{path}/@ivo-id", el.get("ivo-id"))
        intf_index = 0
        for cap_index, cap in enumerate(res.findall("capability"), 1):
            self.add("capability", ivoid=ivoid, cap_index=cap_index,
                cap_type=self.xsi_type(cap),
                cap_description=text(cap.find("description")),
                standard_id=(cap.get("standardID") or "").lower() or None)
            for val in cap.findall("validationLevel"):
                self.add("validation", ivoid=ivoid, cap_index=cap_index,
                    validated_by=val.get("validatedBy"), val_level=text(val))
            for intf in cap.findall("interface"):
                intf_index += 1
                self.interface(ivoid, cap_index, intf_index, intf)
            for child in cap:
                if child.tag not in ("interface", "validationLevel", "description"):
                    self.details(ivoid, cap_index, "/capability", child)
        for val in res.findall("validationLevel"):
            self.add("validation", ivoid=ivoid, cap_index=None,
                validated_by=val.get("validatedBy"), val_level=text(val))
        self.tableset(ivoid, res.find("tableset"))

    def roles(self, ivoid, curation):
        if curation is None:
            return
        for base_role in ("publisher", "creator", "contributor", "contact"):
            for seq, el in enumerate(curation.findall(base_role), 1):
                named = el.find("name") if base_role in ("creator", "contact") else el
                self.add("res_role", ivoid=ivoid, base_role=base_role, role_seq=seq,
                    role_name=text(named),
                    role_ivoid=(named.get("ivo-id") or "").lower() or None
                        if named is not None else None,
                    street_address=text(el.find("address")),
                    email=text(el.find("email")),
                    telephone=text(el.find("telephone")),
                    logo=text(el.find("logo")))

    def interface(self, ivoid, cap_index, intf_index, intf):
        access = intf.findall("accessURL")
        self.add("interface", ivoid=ivoid, cap_index=cap_index,
            intf_index=intf_index,
            intf_type=self.xsi_type(intf),
            intf_role=intf.get("role"),
            std_version=intf.get("version"),
            query_type="#".join(text(q) for q in intf.findall("queryType")) or None,
            result_type=text(intf.find("resultType")),
            wsdl_url=text(intf.find("wsdlURL")),
            url_use=access[0].get("use") if access else None,
            access_url=text(access[0]) if access else None,
            mirror_url="#".join(text(m) for m in intf.findall("mirrorURL")) or None,
            authenticated_only=0 if intf.find("securityMethod") is None else 1,
            security_method_id=attr(intf, "securityMethod", "standardID"))
        for param in intf.findall("param"):
            dt = param.find("dataType")
            self.add("intf_param", ivoid=ivoid, intf_index=intf_index,
                name=text(param.find("name")),
                ucd=text(param.find("ucd")),
                unit=text(param.find("unit")),
                utype=text(param.find("utype")),
                std=1 if param.get("std") in ("true", "1") else 0,
                extended_schema=dt.get("extendedSchema") if dt is not None else None,
                extended_type=dt.get("extendedType") if dt is not None else None,
                arraysize=dt.get("arraysize") if dt is not None else None,
                delim=dt.get("delim") if dt is not None else None,
                param_description=text(param.find("description")),
                datatype=text(dt),
                param_use=param.get("use"))

    def details(self, ivoid, cap_index, prefix, el):
        path = f"{prefix}/{el.tag}"
        if el.get("ivo-id"):
            self.detail(ivoid, cap_index, path + "/@ivo-id", el.get("ivo-id"))
        if el.tag == "description":  # prose, not a searchable detail
            return
        children = list(el)
        if not children:
            value = text(el)
            if value is not None:
                self.detail(ivoid, cap_index, path, value)
        for child in children:
            self.details(ivoid, cap_index, path, child)

    def detail(self, ivoid, cap_index, xpath, value):
        self.add("res_detail", ivoid=ivoid, cap_index=cap_index,
            detail_xpath=xpath, detail_value=value)

    def tableset(self, ivoid, tableset):
        if tableset is None:
            return
        table_index = 0
        for schema_index, schema in enumerate(tableset.findall("schema"), 1):
            self.add("res_schema", ivoid=ivoid, schema_index=schema_index,
                schema_description=text(schema.find("description")),
                schema_name=text(schema.find("name")),
                schema_title=text(schema.find("title")),
                schema_utype=text(schema.find("utype")))
            for table in schema.findall("table"):
                table_index += 1
                self.add("res_table", ivoid=ivoid, schema_index=schema_index,
                    table_index=table_index,
                    table_description=text(table.find("description")),
                    table_name=text(table.find("name")),
                    table_title=text(table.find("title")),
                    table_type=table.get("type"),
                    table_utype=text(table.find("utype")),
                    nrows=text(table.find("nrows")))
                for col in table.findall("column"):
                    dt = col.find("dataType")
                    self.add("table_column", ivoid=ivoid, table_index=table_index,
                        name=text(col.find("name")),
                        ucd=text(col.find("ucd")),
                        unit=text(col.find("unit")),
                        utype=text(col.find("utype")),
                        std=1 if col.get("std") in ("true", "1") else 0,
                        extended_schema=dt.get("extendedSchema") if dt is not None else None,
                        extended_type=dt.get("extendedType") if dt is not None else None,
                        arraysize=dt.get("arraysize") if dt is not None else None,
                        delim=dt.get("delim") if dt is not None else None,
                        type_system=self.xsi_type(dt) if dt is not None else None,
                        datatype=text(dt),
                        column_description=text(col.find("description")),
                        flag="#".join(text(f) for f in col.findall("flag")) or None)


def text(el):
    if el is None or el.text is None:
        return None
    value = " ".join(el.text.split())
    return value or None


def attr(parent, path, name):
    if parent is None:
        return None
    el = parent.find(path)
    return el.get(name) if el is not None else None


def hashjoin(parent, path, lower=False):
    if parent is None:
        return None
    values = [text(el) for el in parent.findall(path) if text(el)]
    joined = "#".join(values)
    return (joined.lower() if lower else joined) or None


def main(src, outdir):
    data = read_source(src)
    mapper = Mapper(namespace_map(data))
    root = ET.fromstring(data)
    error = root.find(OAI + "error")
    if error is not None:
        sys.exit(f"gen_rr.py: OAI-PMH error from {src}: {error.get('code')}: {error.text}")
    harvested_on = text(root.find(OAI + "responseDate"))
    if root.find(f"{OAI}ListRecords/{OAI}resumptionToken") is not None:
        sys.exit(f"gen_rr.py: {src} is paged (resumptionToken); raise [ivoa]oaipmhPageSize")
    for record in root.iter(OAI + "record"):
        header = record.find(OAI + "header")
        if header is not None and header.get("status") == "deleted":
            continue
        for res in record.iter():
            if res.tag.endswith("}Resource") and res.get("status", "active") == "active":
                mapper.resource(res, harvested_on)
    os.makedirs(outdir, exist_ok=True)
    for name, columns in TABLES.items():
        with open(os.path.join(outdir, name + ".csv"), "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, columns, lineterminator="\n")
            writer.writeheader()
            for row in mapper.rows[name]:
                writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    print(" ".join(f"{name}={len(rows)}" for name, rows in mapper.rows.items()))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
