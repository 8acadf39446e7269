namespace GitOpsHQ.Plugins.Helm.GoTemplate.Functions.Sprig;

public static partial class SprigFunctions
{
    private static IEnumerable<GoFunction> Crypto(SprigOptions options) => [];
}
