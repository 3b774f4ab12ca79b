extension Words {
    /// Top-level domains for made-up web addresses: generic ones first, then country codes.
    public static let topLevelDomains: [String] = list(#"""
    com
    org
    net
    io
    co
    info
    biz
    dev
    app
    tech
    online
    shop
    blog
    news
    site
    us
    uk
    ca
    au
    nz
    de
    fr
    es
    it
    nl
    be
    ch
    at
    se
    no
    dk
    fi
    ie
    pt
    pl
    cz
    jp
    kr
    in
    br
    mx
    ar
    za
    ng
    ke
    sg
    """#)

    /// Domains reserved for examples (RFC 2606 and RFC 6761), so that a made-up email address can
    /// never reach a real mailbox.
    public static let emailDomains: [String] = list(#"""
    example.com
    example.org
    example.net
    mail.example.com
    post.example.org
    inbox.example.net
    """#)

    /// Path segments for made-up URLs.
    public static let webPathWords: [String] = list(#"""
    about
    account
    articles
    blog
    careers
    catalog
    contact
    docs
    events
    faq
    help
    home
    news
    orders
    products
    profile
    projects
    search
    services
    shop
    support
    team
    users
    wiki
    """#)
}
