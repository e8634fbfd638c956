namespace Muybridge.Video.Tests;

/// <summary>
/// Models fetched at test/CI time into the model cache (never committed): $MUYBRIDGE_MODEL_CACHE, else .models in the
/// repository (where .ci/run puts them). Tests that need one skip with the command that fetches it.
/// </summary>
internal static class ModelCacheData
{
    public static string Require(string fileName)
    {
        var folders = new[] { Environment.GetEnvironmentVariable("MUYBRIDGE_MODEL_CACHE"), RepositoryModels() };
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

    private static string? RepositoryModels()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (dir.GetFiles("Muybridge.Video.sln").Length > 0)
            {
                return Path.Combine(dir.FullName, ".models");
            }
        }

        return null;
    }
}
