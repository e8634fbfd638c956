using Muybridge.Video.Frames;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Tests;

/// <summary>
/// The shared fixture of the stage tests: each test gets a frame pool of its own, its sources and blank frames come from
/// it (and so do the frames the stages make from them), and when the test ends every frame must be back in it
/// (<see cref="FramePool.Outstanding"/> is 0). A stage that drops a frame without disposing it, or a test that forgets
/// one, fails the test that ran it.
/// </summary>
public abstract class PooledTest : IDisposable
{
    /// <summary>This test's pool.</summary>
    protected FramePool Pool { get; } = new();

    /// <summary>A folder of frames from ../shared/data/muybridge.</summary>
    protected ImageFolderSource OpenFolder(string name) => ImageFolderSource.Open(SharedData.Muybridge(name), new ImageFolderOptions { Pool = Pool });

    /// <summary>A GIF, WebP or APNG from ../shared/data/muybridge.</summary>
    protected AnimatedImageSource OpenAnimation(string name) => AnimatedImageSource.Open(SharedData.Muybridge(name), pool: Pool);

    /// <summary>A scanned plate from ../shared/data/muybridge, cut into cells.</summary>
    protected PlateSource OpenPlate(string name, int rows, int columns) => PlateSource.Open(SharedData.Muybridge(name), rows, columns, pool: Pool);

    /// <summary>A black frame.</summary>
    protected Frame Blank(int width, int height) => Frame.Create(width, height, Pool);

    /// <summary>A frame of one colour.</summary>
    protected Frame Solid(int width, int height, byte r, byte g, byte b, int index = 0, double fps = 12) => TestImages.Solid(width, height, r, g, b, index, fps, Pool);

    /// <summary>The synthetic moving bar.</summary>
    internal SyntheticSource Synthetic(int count, int width = 64, int height = 48) => new(count, width, height, Pool);

    /// <summary>Fails the test when a frame of its pool is still out.</summary>
    public void Dispose()
    {
        GC.SuppressFinalize(this);
        if (Pool.Outstanding != 0)
        {
            throw new InvalidOperationException($"{Pool.Outstanding} frame(s) of this test's pool were never disposed.");
        }
    }
}
