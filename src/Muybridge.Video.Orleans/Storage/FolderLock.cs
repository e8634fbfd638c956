namespace Muybridge.Video.Orleans.Storage;

/// <summary>
/// An exclusive lock on a file beside the data it guards, across processes and machines sharing the folder (.NET takes
/// an flock for <see cref="FileShare.None"/>; NFSv4 and SMB honour it).
/// </summary>
internal sealed class FolderLock : IDisposable
{
    private readonly FileStream _stream;

    private FolderLock(FileStream stream) => _stream = stream;

    public static async Task<FolderLock> AcquireAsync(string path, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var waited = TimeSpan.Zero;
        while (true)
        {
            try
            {
                return new FolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (waited < TimeSpan.FromSeconds(30))
            {
                var pause = TimeSpan.FromMilliseconds(5 + Random.Shared.Next(20));
                await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
                waited += pause;
            }
        }
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>Writes <paramref name="contents"/> to <paramref name="path"/> through a temporary file and a rename, so a reader never sees half of it.</summary>
    public static async Task ReplaceAsync(string path, string contents, CancellationToken cancellationToken = default)
    {
        var temporary = $"{path}.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temporary, contents, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }
}
