namespace Muybridge.Video.Imaging;

/// <summary>
/// A hidden temporary file (or folder) beside the final output, moved into place on commit and deleted on abort,
/// so readers never see a half-written file and a failed run leaves nothing behind.
/// </summary>
internal sealed class PartialOutput
{
    private bool _done;

    private PartialOutput(string finalPath, string temporaryPath)
    {
        FinalPath = finalPath;
        TemporaryPath = temporaryPath;
    }

    public string FinalPath { get; }

    /// <summary>Keeps the final extension: some encoders pick the format from it.</summary>
    public string TemporaryPath { get; }

    public static PartialOutput ForFile(string path)
    {
        var full = Path.GetFullPath(path);
        var folder = EnsureWritableFolder(Path.GetDirectoryName(full)!);
        var temporary = Path.Combine(folder, $".{Path.GetFileNameWithoutExtension(full)}.{Guid.NewGuid():N}.partial{Path.GetExtension(full)}");
        return new PartialOutput(full, temporary);
    }

    public static PartialOutput ForFolder(string path)
    {
        var full = Path.GetFullPath(path.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        var parent = EnsureWritableFolder(Path.GetDirectoryName(full)!);
        var temporary = Path.Combine(parent, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.partial");
        Directory.CreateDirectory(temporary);
        return new PartialOutput(full, temporary);
    }

    public void CommitFile()
    {
        File.Move(TemporaryPath, FinalPath, overwrite: true);
        _done = true;
    }

    /// <summary>Moves the folder's files into the final folder, replacing files of the same name and any stale ones matching <paramref name="stalePattern"/>.</summary>
    public void CommitFolder(string stalePattern)
    {
        if (!Directory.Exists(FinalPath))
        {
            Directory.Move(TemporaryPath, FinalPath);
        }
        else
        {
            foreach (var stale in Directory.EnumerateFiles(FinalPath, stalePattern))
            {
                File.Delete(stale);
            }

            foreach (var file in Directory.EnumerateFiles(TemporaryPath))
            {
                File.Move(file, Path.Combine(FinalPath, Path.GetFileName(file)), overwrite: true);
            }

            Directory.Delete(TemporaryPath, recursive: true);
        }

        _done = true;
    }

    public void Abort()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        try
        {
            if (File.Exists(TemporaryPath)) File.Delete(TemporaryPath);
            if (Directory.Exists(TemporaryPath)) Directory.Delete(TemporaryPath, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temporary name is hidden and unique, never mistaken for output.
        }
    }

    private static string EnsureWritableFolder(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".muybridge-write-probe-{Guid.NewGuid():N}");
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }

            return folder;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException($"Output folder '{folder}' cannot be created or written: {e.Message}", e);
        }
    }
}
