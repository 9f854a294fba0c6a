namespace StudyBot.Storage.Tests.Arxiv;

/// <summary>Atom replies written for these tests in the shape the arXiv API user manual documents.</summary>
internal static class AtomFeeds
{
    private const string Head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">
          <link href="http://arxiv.org/api/query?id_list=x" rel="self" type="application/atom+xml"/>
          <title type="html">ArXiv Query: id_list=x</title>
          <id>http://arxiv.org/api/fixture</id>
          <updated>2026-11-23T00:00:00-05:00</updated>
        """;

    public static string Paper(string id = "1706.03762", string version = "v7") => Head + $"""
          <opensearch:totalResults>1</opensearch:totalResults>
          <opensearch:startIndex>0</opensearch:startIndex>
          <opensearch:itemsPerPage>10</opensearch:itemsPerPage>
          <entry>
            <id>http://arxiv.org/abs/{id}{version}</id>
            <updated>2023-08-02T00:41:18Z</updated>
            <published>2017-06-12T17:57:34Z</published>
            <title>Attention Is All
              You Need</title>
            <summary>  The dominant sequence transduction models are based on complex recurrent or
        convolutional neural networks.   We propose a new simple network architecture.
        </summary>
            <author>
              <name>Ashish Vaswani</name>
            </author>
            <author>
              <name>Noam Shazeer</name>
              <arxiv:affiliation>Google</arxiv:affiliation>
            </author>
            <arxiv:comment>15 pages, 5 figures</arxiv:comment>
            <link href="http://arxiv.org/abs/{id}{version}" rel="alternate" type="text/html"/>
            <link title="pdf" href="http://arxiv.org/pdf/{id}{version}" rel="related" type="application/pdf"/>
            <arxiv:primary_category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
            <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
            <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
          </entry>
        </feed>
        """;

    /// <summary>One paper with the given title and authors (for tests that need a paper other than the default).</summary>
    public static string Paper(string id, string title, IEnumerable<string> authors) => Head + $"""
          <opensearch:totalResults>1</opensearch:totalResults>
          <opensearch:startIndex>0</opensearch:startIndex>
          <opensearch:itemsPerPage>10</opensearch:itemsPerPage>
          <entry>
            <id>http://arxiv.org/abs/{id}v2</id>
            <updated>2023-07-19T17:08:59Z</updated>
            <published>2023-07-18T14:31:57Z</published>
            <title>{title}</title>
            <summary>  A summary written for this test.
            </summary>
            {string.Concat(authors.Select(a => $"<author><name>{a}</name></author>"))}
            <link href="http://arxiv.org/abs/{id}v2" rel="alternate" type="text/html"/>
            <link title="pdf" href="http://arxiv.org/pdf/{id}v2" rel="related" type="application/pdf"/>
            <arxiv:primary_category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
            <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
          </entry>
        </feed>
        """;

    public static string Error(string badId) => Head + $"""
          <opensearch:totalResults>1</opensearch:totalResults>
          <opensearch:startIndex>0</opensearch:startIndex>
          <opensearch:itemsPerPage>1</opensearch:itemsPerPage>
          <entry>
            <id>http://arxiv.org/api/errors#incorrect_id_format_for_{badId}</id>
            <title>Error</title>
            <summary>incorrect id format for {badId}</summary>
            <updated>2026-11-23T00:00:00-05:00</updated>
            <link href="http://arxiv.org/api/errors#incorrect_id_format_for_{badId}" rel="alternate" type="text/html"/>
            <author>
              <name>arXiv api core</name>
            </author>
          </entry>
        </feed>
        """;

    public static string Empty() => Head + """
          <opensearch:totalResults>0</opensearch:totalResults>
          <opensearch:startIndex>0</opensearch:startIndex>
          <opensearch:itemsPerPage>10</opensearch:itemsPerPage>
        </feed>
        """;
}
