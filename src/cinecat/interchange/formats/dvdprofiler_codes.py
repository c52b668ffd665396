"""DVD Profiler's vocabulary, read by ``dvdprofiler`` and written back by ``dvdprofiler_write``.

One table each way keeps the two in step: a feature flag read as "Commentary" is written back
as ``FeatureCommentary``, a locality read as a rating country is written back as its id.
"""

import re

# Highest first: a combo pack that is also a DVD is catalogued by its best disc.
MEDIA_TYPES = (("UltraHD", "4K UHD"), ("BluRay", "Blu-ray"), ("HDDVD", "HD DVD"), ("DVD", "DVD"))
CUSTOM_MEDIA = {
    "vhs": "VHS",
    "laserdisc": "LaserDisc",
    "video cd": "Video CD",
    "vcd": "Video CD",
    "digital": "Digital",
}
STATUSES = {"owned": "owned", "ordered": "ordered", "wish list": "wish", "wishlist": "wish"}
WRITTEN_STATUSES = {"owned": "Owned", "ordered": "Ordered", "wish": "Wish List"}

# DVD Profiler's localities (ID_LocalityID, the suffix of a profile's ID) and the country whose
# board rated its discs. The samples bear out 0, 3, 4, 5 and 11 (a German release is ".5", a
# Swedish one ".11"); the rest follow DVD Profiler's list of localities in its order.
LOCALITIES = {
    "0": "US",
    "1": "NZ",
    "2": "AU",
    "3": "CA",
    "4": "GB",
    "5": "DE",
    "6": "CN",
    "7": "RU",  # "Former Soviet Union"
    "8": "FR",
    "9": "NL",
    "10": "ES",
    "11": "SE",
    "12": "NO",
    "13": "IT",
    "14": "DK",
    "15": "PT",
    "16": "FI",
    "17": "JP",
    "18": "KR",
    "19": "CA",  # Canada (Quebec)
    "20": "ZA",
    "21": "HK",
    "22": "CH",
}
LOCALITY_OF = {country: locality for locality, country in reversed(LOCALITIES.items())}
# Boards that rate by age alone: a profile with an age and no rating text is rated "FSK 12".
AGE_BOARDS = {"DE": "FSK"}
# Rating systems that name the kind of rating, not the board: no prefix to the rating.
PLAIN_SYSTEMS = {"", "Film", "TV", "MPAA"}

COLOURS = (
    ("ClrColor", "Color"),
    ("ClrBlackAndWhite", "Black and White"),
    ("ClrColorized", "Colorized"),
    ("ClrMixed", "Mixed"),
)
# 3.x spelt the colour flags Format/Color/Color*.
OLD_COLOURS = {"ColorColor": "Color", "ColorBW": "Black and White"}
OLD_COLOURS |= {"ColorColorized": "Colorized", "ColorMixed": "Mixed"}

# Format/<flag> -> a screen format; Dimensions and DynamicRange are groups of such flags.
SCREEN_FORMATS = (
    ("Format16X9", "Widescreen 16:9"),
    ("FormatLetterBox", "Letterbox"),
    ("FormatPanAndScan", "Pan & Scan"),
    ("FormatFullFrame", "Full frame"),
)
DIMENSIONS = (("Dim2D", "2D"), ("Dim3DAnaglyph", "3D anaglyph"), ("Dim3DBluRay", "3D Blu-ray"))
DYNAMIC_RANGES = (("DRHDR10", "HDR10"), ("DRDolbyVision", "Dolby Vision"))

FEATURES = (
    ("FeatureSceneAccess", "Scene access"),
    ("FeatureCommentary", "Commentary"),
    ("FeatureTrailer", "Trailer"),
    ("FeaturePhotoGallery", "Photo gallery"),
    ("FeatureDeletedScenes", "Deleted scenes"),
    ("FeatureMakingOf", "Making-of"),
    ("FeatureProductionNotes", "Production notes"),
    ("FeatureGame", "Game"),
    ("FeatureDVDROMContent", "DVD-ROM content"),
    ("FeatureMultiAngle", "Multi-angle"),
    ("FeatureMusicVideos", "Music videos"),
    ("FeatureInterviews", "Interviews"),
    ("FeatureStoryboardComparisons", "Storyboard comparisons"),
    ("FeatureOuttakes", "Outtakes"),
    ("FeatureClosedCaptioned", "Closed captioned"),
    ("FeatureTHXCertified", "THX certified"),
    ("FeaturePIP", "Picture-in-picture"),
    ("FeatureBDLive", "BD-Live"),
    ("FeatureBonusTrailers", "Bonus trailers"),
    ("FeatureDigitalCopy", "Digital copy"),
    ("FeatureDBOX", "D-BOX"),
    ("FeatureCineChat", "CineChat"),
    ("FeaturePlayAll", "Play all"),
    ("FeatureMovieIQ", "MovieIQ"),
)
FEATURE_OF = dict(FEATURES)

# A disc's texts and flags, side A then side B, and the DiscRecord fields they fill.
DISC_TEXTS = (
    ("DescriptionSideA", "description"),
    ("DescriptionSideB", "description_b"),
    ("DiscIDSideA", "disc_id"),
    ("DiscIDSideB", "disc_id_b"),
    ("LabelSideA", "label"),
    ("LabelSideB", "label_b"),
)
DISC_FLAGS = (
    ("DualLayeredSideA", "dual_layered"),
    ("DualLayeredSideB", "dual_layered_b"),
    ("DualSided", "dual_sided"),
)

NAME_PARTS = (("FirstName", "first_name"), ("MiddleName", "middle_name"), ("LastName", "last_name"))
ACTOR_FLAGS = (("Voice", "voice"), ("Uncredited", "uncredited"), ("Puppeteer", "puppeteer"))

# Each crew type's standard subtypes; any other job is a custom role of its type.
CREW_TYPES = {
    "Direction": ("Director",),
    "Writing": ("Writer", "Screenwriter", "Original Material By", "Original Characters By")
    + ("Created By", "Story By"),
    "Production": ("Producer", "Executive Producer"),
    "Cinematography": ("Director of Photography", "Cinematographer"),
    "Film Editing": ("Film Editor",),
    "Music": ("Composer", "Song Writer", "Theme By"),
    "Sound": ("Sound", "Sound Designer", "Supervising Sound Editor", "Sound Editor")
    + ("Sound Re-Recording Mixer", "Production Sound Mixer"),
    "Art": ("Production Designer", "Art Director", "Costume Designer", "Make-up Artist")
    + ("Visual Effects", "Make-up Effects", "Creature Design"),
    "Other": (),
}
CREW_TYPE_OF = {job: kind for kind, jobs in CREW_TYPES.items() for job in jobs}
CUSTOM = "Custom"
END_DIVIDER = "EndDiv"
EPISODE = "Episode"
GROUP = "Group"


def implied_divider_type(series: bool) -> str:
    """The type a divider is written with when its source gave none (3.x) or the implied one:
    an episode of a series, a group (a film of a double feature) of anything else."""
    return EPISODE if series else GROUP


def implied_id_type(profile_id: str) -> str:
    """The ``ID_Type`` an ID's form implies: a UPC/EAN is digits, a disc ID "I" and 16 hex
    digits, anything else is taken for a manual ID."""
    head = profile_id.partition(".")[0]
    if head.isascii() and head.isdigit():
        return "UPCEAN"
    if re.fullmatch(r"I[0-9A-F]{16}", head):
        return "DiscID"
    return "ManualID"
