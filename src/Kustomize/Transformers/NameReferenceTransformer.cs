namespace GitOpsHQ.Kustomize;

/// <summary>
/// Runs once at the end of a build: where a resource refers by name to another resource that a
/// prefix, suffix or namespace changed, the reference gets the new name.
/// </summary>
internal sealed class NameReferenceTransformer(ResourceMap resources, IReadOnlyList<NameReference>? configured = null)
{
    public void Transform()
    {
        foreach (var referrer in resources.Resources)
        {
            CheckSubjectNamespaces(referrer);
            foreach (var reference in NameReferences.All.Concat(configured ?? []))
            {
                foreach (var spec in reference.Referrers.Where(spec => spec.Selects(referrer)))
                {
                    spec.Visit(referrer.Content, (parent, key) => Fix(referrer, reference.Target, parent, key));
                }
            }
        }
    }

    /// <summary>A RoleBinding's ServiceAccount subject with a namespace field must give it a value.</summary>
    private static void CheckSubjectNamespaces(Resource referrer)
    {
        if (referrer.Gvk.Kind != "RoleBinding" || referrer.Content.List("subjects") is not { } subjects)
        {
            return;
        }

        foreach (var subject in subjects.Items.OfType<MapNode>())
        {
            if (subject.Fields.ContainsKey("namespace") && subject.Text("kind") == "ServiceAccount" && subject["namespace"] is not ScalarNode { Value: string })
            {
                throw new KustomizeBuildException($"Invalid Input: namespace is blank for resource \"{referrer.CurrentId}\"");
            }
        }
    }

    private void Fix(Resource referrer, Gvk target, MapNode parent, string key)
    {
        switch (parent[key])
        {
            case ScalarNode { Value: string name }:
                if (Select(referrer, target, name, Candidates(referrer, parent)) is { } found)
                {
                    parent.Set(key, ScalarNode.Of(found.Name));
                }

                break;
            case MapNode reference:
                FixSubject(referrer, target, reference);
                break;
            case ListNode list:
                for (var i = 0; i < list.Items.Count; i++)
                {
                    if (list.Items[i] is ScalarNode { Value: string item } && Select(referrer, target, item, resources.Resources) is { } referral)
                    {
                        list.Items[i] = ScalarNode.Of(referral.Name);
                    }
                    else if (list.Items[i] is MapNode subject)
                    {
                        FixSubject(referrer, target, subject);
                    }
                }

                break;
        }
    }

    private void FixSubject(Resource referrer, Gvk target, MapNode subject)
    {
        if (subject.Text("name") is not { } name)
        {
            return;
        }

        var ns = subject.Text("namespace");
        // A namespace named beside the name ("default" also meaning none) narrows the candidates: to those first
        // in it, else to those in it now.
        var candidates = ns is null ? resources.Resources
            : resources.Resources.Where(r => SameNamespace(r.OriginalId.Namespace, ns)).ToList() is { Count: > 0 } original ? original
            : resources.Resources.Where(r => SameNamespace(r.Namespace, ns)).ToList();
        if (Select(referrer, target, name, candidates, namespacesToo: true) is not { } referral
            || (referral.Name == name && referral.Namespace.Length == 0))
        {
            return;
        }

        subject.Set("name", ScalarNode.Of(referral.Name));
        if (referral.Namespace.Length > 0)
        {
            subject.Set("namespace", ScalarNode.Of(referral.Namespace));
        }
    }

    private IReadOnlyList<Resource> Candidates(Resource referrer, MapNode parent)
    {
        // roleRef names a Role or a ClusterRole: only that kind can be meant.
        if (referrer.Gvk.Kind is "RoleBinding" or "ClusterRoleBinding" && parent.Text("kind") is { } kind && parent.Text("apiGroup") is not null)
        {
            return resources.Resources.Where(r => r.Gvk.Kind == kind).ToList();
        }

        return resources.Resources;
    }

    // Several candidates left are one when they agree on the name (and, where the reference also takes the
    // namespace, on the namespace): the first is taken.
    private static Resource? Select(Resource referrer, Gvk target, string oldName, IEnumerable<Resource> pool, bool namespacesToo = false)
    {
        var candidates = pool
            .Where(r => r.PreviousIds.Any(id => id.Name == oldName && id.Gvk.IsSelectedBy(target)))
            .Where(r => SameNamespace(referrer, r))
            .ToList();
        // Several candidates: those whose affixes agree with the referrer's where both have some, then those
        // whose affixes agree outright.
        if (candidates.Count > 1)
        {
            candidates = candidates.Where(referrer.SameAffixesWhereBothHave).ToList();
        }

        if (candidates.Count > 1)
        {
            candidates = candidates.Where(referrer.SameAffixes).ToList();
        }

        if (candidates.Count <= 1 || candidates.All(c => c.Name == candidates[0].Name && (!namespacesToo || c.Namespace == candidates[0].Namespace)))
        {
            return candidates.FirstOrDefault();
        }

        throw new KustomizeBuildException(
            $"found multiple possible referrals: {string.Join(", ", candidates.Select(c => c.CurrentId))}");
    }

    private static bool SameNamespace(string a, string b) => (a.Length == 0 ? "default" : a) == (b.Length == 0 ? "default" : b);

    private static bool SameNamespace(Resource referrer, Resource candidate) =>
        referrer.Gvk.IsClusterScoped || candidate.Gvk.IsClusterScoped || candidate.Gvk.Kind == "ServiceAccount"
        || referrer.CurrentId.EffectiveNamespace == candidate.CurrentId.EffectiveNamespace;
}
