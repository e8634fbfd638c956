namespace Muybridge.Video.Cli.Commands;

/// <summary>
/// One lock per output while a command writes it (<c>name.lock</c> beside it, held open exclusively and deleted on
/// close), so a second command writing the same outputs at once fails clearly instead of leaving a mixed set.
/// </summary>
internal sealed class OutputLock : IDisposable
{
    private readonly List<FileStream> _held = [];

    private OutputLock()
    {
    }

    /// <exception cref="CommandException">Another command is writing one of the outputs.</exception>
    /// <exception cref="OutputException">An output's folder cannot be made or written.</exception>
    public static OutputLock Acquire(IEnumerable<string> outputs)
    {
        var locks = new OutputLock();
        try
        {
            foreach (var output in outputs.Select(o => Path.GetFullPath(o).TrimEnd(Path.DirectorySeparatorChar)).Distinct(StringComparer.Ordinal))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(output)!);
                var path = output + ".lock";
                try
                {
                    locks._held.Add(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose));
                }
                catch (IOException e) when (File.Exists(path))
                {
                    throw new CommandException($"Another muybridge command is writing '{output}' right now ('{path}' is held); wait for it or write elsewhere.", e);
                }
            }

            return locks;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            locks.Dispose();
            throw new OutputException($"The outputs' folder cannot be written: {e.Message}", e);
        }
        catch
        {
            locks.Dispose();
            throw;
        }
    }

    public void Dispose() => _held.ForEach(s => s.Dispose());
}
