namespace GitOpsHQ.Kustomize;

/// <summary>Reads the entries of the vars field (decoded strictly, like the kustomization).</summary>
internal static class VarReader
{
    public static Var Read(FieldReader reader, MapNode map)
    {
        map = FieldReader.GoFields(map, "name", "objref", "fieldref");
        var name = reader.Text(map["name"]) ?? "";
        var objref = map.Map("objref") is { } o
            ? FieldReader.GoFields(o, "group", "version", "kind", "name", "namespace", "apiVersion")
            : new MapNode();
        string Get(string key) => reader.Text(objref[key]) ?? "";
        var gvk = Get("apiVersion").Length > 0
            ? Gvk.FromApiVersion(Get("apiVersion"), Get("kind"))
            : new Gvk(Get("group"), Get("version"), Get("kind"));
        var fieldref = map.Map("fieldref") is { } f ? FieldReader.GoFields(f, "fieldpath") : new MapNode();
        var path = reader.Text(fieldref["fieldpath"]) ?? "";
        return new Var(name, gvk, Get("name"), Get("namespace"), path.Length == 0 ? "metadata.name" : path);
    }
}
