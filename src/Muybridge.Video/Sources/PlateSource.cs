using Muybridge.Video.Pixels;
using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;
using Muybridge.Video.Imaging;

namespace Muybridge.Video.Sources;

/// <summary>
/// A scanned plate: one sheet holding R×C frames in a grid, read left to right, top to bottom. The gutters between
/// frames (thin white lines, dark bands, thick separators, a book fold) are found automatically and trimmed, all
/// frames come out the same size, and the frame numbers printed in a corner of each picture are painted out.
/// </summary>
public sealed class PlateSource : IFrameSource
{
    private readonly Frame _plate;
    private readonly PlateCell[] _cells;
    private readonly double _framesPerSecond;

    private PlateSource(Frame plate, PlateCell[] cells, int numbersErased, FrameSourceInfo info, double framesPerSecond)
    {
        _plate = plate;
        _cells = cells;
        FrameNumbersErased = numbersErased;
        Info = info;
        _framesPerSecond = framesPerSecond;
    }

    /// <inheritdoc />
    public FrameSourceInfo Info { get; }

    /// <summary>Where each frame was cut, in reading order.</summary>
    public IReadOnlyList<PlateCell> Cells => _cells;

    /// <summary>
    /// How many frames had a printed frame number painted out (0 when the plate shows none that can be told from the
    /// picture, or when they were kept).
    /// </summary>
    public int FrameNumbersErased { get; }

    /// <summary>Loads a plate and finds its grid.</summary>
    /// <param name="path">The scanned sheet.</param>
    /// <param name="rows">Rows of frames on the sheet.</param>
    /// <param name="columns">Columns of frames on the sheet.</param>
    /// <param name="framesPerSecond">Playback rate given to the frames.</param>
    /// <param name="pool">Pool for the frames' buffers.</param>
    /// <param name="slicing">Find and trim gutters (default), or cut equal cells.</param>
    /// <param name="keepFrameNumbers">
    /// Leave the frame numbers printed on the pictures. By default a small dark glyph that stands alone in the same corner
    /// of most pictures is taken for the plate's numbering and painted out from the pixels around it.
    /// </param>
    /// <exception cref="InvalidFrameInputException">The file cannot be read, or no gutters fit an R×C grid.</exception>
    public static PlateSource Open(string path, int rows, int columns, double framesPerSecond = 12, FramePool? pool = null, PlateSlicing slicing = PlateSlicing.DetectGutters, bool keepFrameNumbers = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(framesPerSecond);
        if (rows * columns < 2)
        {
            throw new OptionOutOfRangeException(nameof(rows), "A plate holds at least two frames.");
        }

        var plate = Codec.Current.Decode(path, page: 0, pool ?? FramePool.Shared);
        try
        {
            if (plate.Width < columns * 16 || plate.Height < rows * 16)
            {
                throw new InvalidFrameInputException($"Plate '{path}' ({plate.Width}x{plate.Height}) is too small for a {rows}x{columns} grid.");
            }

            PlateCell[] cells;
            if (slicing == PlateSlicing.EqualCells)
            {
                var (cellWidth, cellHeight) = (plate.Width / columns, plate.Height / rows);
                cells = Enumerable.Range(0, rows * columns)
                    .Select(k => new PlateCell(k / columns, k % columns, (k % columns) * cellWidth, (k / columns) * cellHeight, cellWidth, cellHeight))
                    .ToArray();
            }
            else
            {
                var luma = new float[plate.PixelCount];
                Luma.FillUnit(plate.Rgb, luma);
                cells = PlateGridDetector.Detect(luma, plate.Width, plate.Height, rows, columns);
                PlateCellAgreement.Require(luma, plate.Width, cells, path);
            }

            var numbersErased = keepFrameNumbers ? 0 : EraseNumbers(plate, cells);
            var info = new FrameSourceInfo(cells[0].Width, cells[0].Height, cells.Length, framesPerSecond, $"{rows}x{columns} plate '{Path.GetFileName(path)}'");
            return new PlateSource(plate, cells, numbersErased, info, framesPerSecond);
        }
        catch
        {
            plate.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Paints the numbers out of the held plate once, so every read crops clean cells; returns on how many cells. Only the
    /// masked pixels go back: cells do not overlap, and nothing else changes.
    /// </summary>
    private static int EraseNumbers(Frame plate, PlateCell[] cells)
    {
        var crops = cells.Select(c => FrameOps.Crop(plate, c.X, c.Y, c.Width, c.Height)).ToArray();
        try
        {
            var masks = PlateNumbers.Find(crops);
            var erased = 0;
            for (var k = 0; k < cells.Length; k++)
            {
                if (masks[k] is not { } mask)
                {
                    continue;
                }

                PlateNumbers.Erase(crops[k], mask);
                var cell = cells[k];
                for (var i = 0; i < mask.Length; i++)
                {
                    if (mask[i])
                    {
                        var at = 3 * ((cell.Y + i / cell.Width) * plate.Width + cell.X + i % cell.Width);
                        crops[k].Rgb.Slice(3 * i, 3).CopyTo(plate.Rgb.Slice(at, 3));
                    }
                }

                erased++;
            }

            return erased;
        }
        finally
        {
            foreach (var crop in crops)
            {
                crop.Dispose();
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Frame> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var period = TimeSpan.FromSeconds(1 / _framesPerSecond);
        for (var i = 0; i < _cells.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var cell = _cells[i];
            var frame = FrameOps.Crop(_plate, cell.X, cell.Y, cell.Width, cell.Height);

            frame.Index = i;
            frame.Timestamp = period * i;
            frame.Duration = period;
            yield return frame;
            await Task.Yield();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _plate.Dispose();
        return ValueTask.CompletedTask;
    }
}
