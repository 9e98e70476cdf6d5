namespace ClubFinder.Api.Infrastructure;

/// <summary>A small CSV reader (quotes, commas and CRLF) for the data files, address imports and club uploads.</summary>
public static class Csv
{
    public static IEnumerable<Dictionary<string, string>> ReadFile(string file)
    {
        using var reader = new StreamReader(file);
        foreach (var row in Read(reader)) yield return row;
    }

    /// <summary>Rows as header → value, read lazily from <paramref name="reader"/> (a file, an upload, a string).</summary>
    public static IEnumerable<Dictionary<string, string>> Read(TextReader reader)
    {
        string[]? header = null;
        var delimiter = ',';
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            if (header is null)
            {
                // Exports of the national address register use semicolons.
                delimiter = line.Count(c => c == ';') > line.Count(c => c == ',') ? ';' : ',';
                header = Split(line, delimiter).Select(f => f.Trim().TrimStart('\uFEFF')).ToArray();
                continue;
            }
            var fields = Split(line, delimiter, reader);
            var row = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Length; i++) row[header[i]] = i < fields.Count ? fields[i] : "";
            yield return row;
        }
    }

    public static List<string> Split(string line, char delimiter = ',', TextReader? more = null)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; ; i++)
        {
            if (i == line.Length)
            {
                if (quoted && more?.ReadLine() is { } next)
                {
                    field.Append('\n');
                    line = next;
                    i = -1;
                    continue;
                }
                break;
            }
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == delimiter) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString().TrimEnd('\r'));
        return fields;
    }
}
