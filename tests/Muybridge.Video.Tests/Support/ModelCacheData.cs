namespace Muybridge.Video.Tests;

/// <summary>
/// Models fetched at test/CI time into the model cache (never committed): $MUYBRIDGE_MODEL_CACHE, else .models in the
/// repository (where .ci/run puts them). Tests that need one skip with the command that fetches it.
/// </summary>
internal static class ModelCacheData
{
    public static string Require(string fileName)
    {
        var folders = new[] { Environment.GetEnvironmentVariable("MUYBRIDGE_MODEL_CACHE"), SharedData.RepositoryRoot is { } root ? Path.Combine(root, ".models") : null };
        foreach (var folder in folders)
        {
            if (folder is not null && File.Exists(Path.Combine(folder, fileName)))
            {
                return Path.Combine(folder, fileName);
            }
        }

        Assert.Skip($"{fileName} is not in the model cache; fetch it with: dotnet run --project src/Muybridge.Video.Cli -- models fetch {Path.GetFileNameWithoutExtension(fileName)} --cache .models");
        return "";
    }
}
