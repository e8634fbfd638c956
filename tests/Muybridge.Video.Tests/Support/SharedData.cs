namespace Muybridge.Video.Tests;

/// <summary>Locates ../shared beside the repository (real Muybridge data). Tests that need it skip with a clear reason when absent.</summary>
internal static class SharedData
{
    public static string Root { get; } = Find();

    /// <summary>The repository root (the folder holding Muybridge.Video.sln), found above the test binaries.</summary>
    public static string? RepositoryRoot { get; } = FindRepository();

    private static string? FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (dir.GetFiles("Muybridge.Video.sln").Length > 0)
            {
                return dir.FullName;
            }
        }

        return null;
    }

    public static string Muybridge(string name) => Require(Path.Combine(Root, "data", "muybridge", name));

    public static string Model(string relative) => Require(Path.Combine(Root, "models", relative));

    public static string Background => Require(Path.Combine(Root, "data", "backgrounds", "spruit-sunrise-360.jpg"));

    private static string Require(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            Assert.Skip($"Shared test data not found at '{path}' (expected ../shared beside the repository root).");
        }

        return path;
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "data")) && dir.GetFiles("Muybridge.Video.sln").Length == 0)
            {
                return candidate;
            }

            if (dir.GetFiles("Muybridge.Video.sln").Length > 0)
            {
                return Path.Combine(dir.Parent!.FullName, "shared");
            }
        }

        return Path.GetFullPath("../shared");
    }
}
