#include "ui/window/controlspanel.h"

#include "core/model/numbersets.h"
#include "core/python/planestimate.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace calcprof {

namespace {
constexpr double kBytesPerMegabyte = 1e6;
constexpr int kMegabyteDecimals = 6; // byte-exact, like --header-bytes; 0 allowed
constexpr int kPanelMinimumWidth = 400;
// The largest valid sets text, 64 sets of 256 two-digit numbers, is ~50,000 characters, and any
// amount of whitespace may go between tokens; a QLineEdit silently cuts its text at its maximum
// length (32,767 by default). The CLI takes any length, so the box takes as much as a QString can
// hold: both then accept and refuse exactly the same texts.
constexpr int kSetsMaxLength = std::numeric_limits<int>::max();
constexpr int kErrorLines = 2;
constexpr int kAutoSizesShown = 8;

// A message line under a field, with its room always reserved: an error appearing or going never
// moves the controls below it (or the Run button).
QLabel* makeErrorLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    label->setStyleSheet(QStringLiteral("color: #b00020;"));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setFixedHeight(kErrorLines * label->fontMetrics().lineSpacing());
    return label;
}

void showError(QLabel* label, const QString& message)
{
    label->setText(message);
    label->setToolTip(message); // in full, should a long one not fit its two lines
}

// Megabytes to the byte, shown without trailing zeros: "100 MB", "0.001234 MB".
class MegabyteSpinBox final : public QDoubleSpinBox
{
public:
    using QDoubleSpinBox::QDoubleSpinBox;

protected:
    QString textFromValue(double value) const override
    {
        QString text = locale().toString(value, 'f', kMegabyteDecimals);
        const QString point = locale().decimalPoint();
        while (text.endsWith(u'0'))
            text.chop(1);
        if (text.endsWith(point))
            text.chop(point.size());
        return text;
    }
};
} // namespace

ControlsPanel::ControlsPanel(QWidget* parent)
    : QWidget(parent)
{
    setMinimumWidth(kPanelMinimumWidth);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildWorkloadBox());
    layout->addWidget(buildPoolBox());
    layout->addWidget(buildCsvBox());

    m_autoRerun = new QCheckBox(tr("Rerun automatically when the pool size changes"), this);
    layout->addWidget(m_autoRerun);

    auto* buttons = new QHBoxLayout;
    m_run = new QPushButton(tr("&Run"), this);
    m_run->setToolTip(tr("Run the experiment (Ctrl+R); during a run, queue this one to run next"));
    // Not a default button: Return in a field only confirms the field, a run is Ctrl+R or this button.
    m_run->setAutoDefault(false);
    m_cancel = new QPushButton(tr("&Cancel"), this);
    m_cancel->setEnabled(false);
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    // What a plan with Python strategies should take, before it runs (PlanEstimate).
    m_estimate = new QLabel(this);
    m_estimate->setObjectName(QStringLiteral("planEstimate"));
    buttons->addWidget(m_estimate, 1);
    layout->addLayout(buttons);
    layout->addStretch();

    connect(m_run, &QPushButton::clicked, this, &ControlsPanel::runRequested);
    connect(m_cancel, &QPushButton::clicked, this, &ControlsPanel::cancelRequested);
    setPlan(ExperimentPlan());
}

QWidget* ControlsPanel::buildWorkloadBox()
{
    auto* box = new QGroupBox(tr("Workload"), this);
    auto* form = new QFormLayout(box);
    addSetsRows(box, form);
    addStrategiesRows(box, form);

    m_repeat = new QSpinBox(box);
    m_repeat->setRange(1, kMaxRepeat);
    m_repeat->setToolTip(tr("Measured runs of every set x strategy x pool size; charts and tables use medians "
                            "and their 95 % intervals"));
    m_repeatAuto = new QCheckBox(tr("until precise"), box);
    m_repeatAuto->setToolTip(tr("--repeat auto: at least %1 rounds of each set, then more until every median's "
                                "interval is within ±%2 % of it, or the set's rounds have taken %3 s. The log "
                                "says why each set stopped.")
                                 .arg(kMinAutoRepeat)
                                 .arg(m_autoRepeat.precision * 100.0)
                                 .arg(m_autoRepeat.maxSecondsPerSet));
    auto* repeatRow = new QHBoxLayout;
    repeatRow->addWidget(m_repeat, 1);
    repeatRow->addWidget(m_repeatAuto);
    form->addRow(tr("Repetitions"), repeatRow);

    m_warmup = new QSpinBox(box);
    m_warmup->setRange(0, kMaxWarmup);
    m_warmup->setToolTip(tr("Runs before the measured ones, not recorded: they bring caches, the CPU clock and "
                            "the thread pools' code paths to a steady state"));
    form->addRow(tr("Warm-up runs"), m_warmup);

    connect(m_repeat, &QSpinBox::valueChanged, this, &ControlsPanel::revalidate);
    connect(m_repeatAuto, &QCheckBox::toggled, this, [this](bool automatic) {
        // Auto runs at least kMinAutoRepeat rounds: the spin box shows that least and is not the count.
        m_repeat->setEnabled(!automatic);
        if (automatic)
            m_repeat->setValue(std::max(m_repeat->value(), kMinAutoRepeat));
        revalidate();
    });
    connect(m_warmup, &QSpinBox::valueChanged, this, &ControlsPanel::revalidate);
    return box;
}

void ControlsPanel::addSetsRows(QWidget* box, QFormLayout* form)
{
    // The sets get the panel's whole width: the default text must be readable in full.
    auto* setsRow = new QHBoxLayout;
    m_sets = new QLineEdit(box);
    m_sets->setMaxLength(kSetsMaxLength);
    m_sets->setToolTip(tr("Number sets: ';' between sets, ',' between numbers, each 0..%1; at most %2 sets of %3")
                           .arg(kMaxTaskNumber)
                           .arg(kMaxSets)
                           .arg(kMaxNumbersPerSet));
    m_sets->setMinimumWidth(
        m_sets->fontMetrics().horizontalAdvance(QLatin1StringView(kDefaultNumberSets) + QStringLiteral("  ")));
    // An error's red border (a style sheet) drops the native frame and would shrink the field, moving
    // everything under it: in a panel taller than its dock there is no stretch left to take that up.
    m_sets->setFixedHeight(m_sets->sizeHint().height());
    auto* reset = new QToolButton(box);
    reset->setText(tr("Defaults"));
    reset->setToolTip(tr("Reset to the original's three sets"));
    setsRow->addWidget(m_sets, 1);
    setsRow->addWidget(reset);
    form->addRow(new QLabel(tr("Number sets"), box));
    form->addRow(setsRow);
    m_setsError = makeErrorLabel(box);
    form->addRow(m_setsError);

    connect(reset, &QToolButton::clicked, this, [this] { m_sets->setText(QLatin1StringView(kDefaultNumberSets)); });
    connect(m_sets, &QLineEdit::textChanged, this, &ControlsPanel::revalidate);
}

void ControlsPanel::addStrategiesRows(QWidget* box, QFormLayout* form)
{
    m_strategies = new QListWidget(box);
    for (const Strategy* strategy : builtinStrategies().all()) {
        auto* item = new QListWidgetItem(
            strategy->displayName() + QStringLiteral("  (") + strategy->id() + u')', m_strategies);
        item->setData(Qt::UserRole, strategy->id());
        item->setToolTip(strategy->description());
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
    }
    m_strategies->setMaximumHeight(m_strategies->sizeHintForRow(0) * (m_strategies->count() + 1));
    form->addRow(tr("Strategies"), m_strategies);
    // The mpi strategy's settings, beside the list they belong to.
    m_mpiHostfile = new QLineEdit(box);
    m_mpiHostfile->setPlaceholderText(tr("this machine only"));
    m_mpiHostfile->setToolTip(tr("mpi: an Open MPI hostfile ('host slots=N' per line) to run the ranks on those "
                                 "hosts; calcprof must be installed at the same path on each"));
    form->addRow(tr("MPI hostfile"), m_mpiHostfile);
    m_mpiLauncher = new QLineEdit(box);
    m_mpiLauncher->setPlaceholderText(tr("mpirun from PATH"));
    m_mpiLauncher->setToolTip(tr("mpi: the mpirun that starts the job"));
    form->addRow(tr("MPI launcher"), m_mpiLauncher);
    // The py-* strategies' interpreter, as --python.
    m_python = new QLineEdit(box);
    m_python->setPlaceholderText(tr("python3 from PATH"));
    m_python->setToolTip(tr("py-*: the Python interpreter that runs the original's code"));
    form->addRow(tr("Python"), m_python);
    m_strategiesError = makeErrorLabel(box);
    form->addRow(QString(), m_strategiesError);

    connect(m_strategies, &QListWidget::itemChanged, this, &ControlsPanel::revalidate);
    connect(m_mpiHostfile, &QLineEdit::textChanged, this, &ControlsPanel::revalidate);
    connect(m_mpiLauncher, &QLineEdit::textChanged, this, &ControlsPanel::revalidate);
    connect(m_python, &QLineEdit::textChanged, this, &ControlsPanel::revalidate);
}

QWidget* ControlsPanel::buildPoolBox()
{
    auto* box = new QGroupBox(tr("Pool size"), this);
    auto* layout = new QVBoxLayout(box);
    m_autoPool = new QCheckBox(tr("auto (as Pool(len(set)))"), box);
    m_poolSlider = new QSlider(Qt::Horizontal, box);
    m_poolSpin = new QSpinBox(box);
    for (QWidget* control : {static_cast<QWidget*>(m_poolSlider), static_cast<QWidget*>(m_poolSpin)})
        control->setToolTip(tr("Workers of the pool strategy: 1 to %1").arg(maxPoolSize()));
    m_poolSlider->setRange(1, maxPoolSize());
    m_poolSpin->setRange(1, maxPoolSize());
    auto* sizePage = new QWidget(box);
    auto* row = new QHBoxLayout(sizePage);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_poolSlider, 1);
    row->addWidget(m_poolSpin);
    // With auto, a greyed number would mean nothing: say what auto resolves to instead.
    m_autoPoolLabel = new QLabel(box);
    m_autoPoolLabel->setWordWrap(true);
    m_poolStack = new QStackedWidget(box);
    m_poolStack->addWidget(sizePage);
    m_poolStack->addWidget(m_autoPoolLabel);

    auto* sweepRow = new QHBoxLayout;
    m_sweep = new QCheckBox(tr("Sweep"), box);
    m_sweep->setToolTip(tr("Run the pool strategy at several pool sizes in one run"));
    m_sweepEdit = new QLineEdit(box);
    m_sweepEdit->setPlaceholderText(tr("1-8, or 1,2,4,8, or 1-4,8,auto"));
    m_sweepEdit->setToolTip(tr("Pool sizes, as --pool-size takes them: N, A-B ranges and auto, comma-separated"));
    sweepRow->addWidget(m_sweep);
    sweepRow->addWidget(m_sweepEdit, 1);
    m_sweepError = makeErrorLabel(box);

    layout->addWidget(m_autoPool);
    layout->addWidget(m_poolStack);
    layout->addLayout(sweepRow);
    layout->addWidget(m_sweepError);

    // Slider and spin box mirror each other; the signal fires once per settled value.
    connect(m_poolSlider, &QSlider::valueChanged, m_poolSpin, &QSpinBox::setValue);
    connect(m_poolSpin, &QSpinBox::valueChanged, m_poolSlider, &QSlider::setValue);
    connect(m_poolSpin, &QSpinBox::valueChanged, this, [this] {
        revalidate();
        if (!m_autoPool->isChecked() && !m_sweep->isChecked())
            Q_EMIT poolSizeChanged(m_poolSpin->value());
    });
    connect(m_autoPool, &QCheckBox::toggled, this, [this](bool automatic) {
        updatePoolControls();
        revalidate();
        if (!m_sweep->isChecked())
            Q_EMIT poolSizeChanged(automatic ? kAutoPoolSize : m_poolSpin->value());
    });
    connect(m_sweep, &QCheckBox::toggled, this, [this] {
        updatePoolControls();
        revalidate();
    });
    connect(m_sweepEdit, &QLineEdit::textChanged, this, &ControlsPanel::revalidate);
    return box;
}

void ControlsPanel::updatePoolControls()
{
    const bool sweep = m_sweep->isChecked();
    m_poolStack->setCurrentIndex(m_autoPool->isChecked() ? 1 : 0);
    m_autoPool->setEnabled(!sweep);
    m_poolStack->setEnabled(!sweep);
    m_sweepEdit->setEnabled(sweep);
}

QWidget* ControlsPanel::buildCsvBox()
{
    auto* box = new QGroupBox(tr("CSV stage"), this);
    auto* form = new QFormLayout(box);

    m_csvMode = new QComboBox(box);
    m_csvMode->addItem(tr("none"), QStringLiteral("none"));
    for (const CsvWriteMode* mode : builtinCsvModes().all()) {
        m_csvMode->addItem(mode->displayName() + QStringLiteral("  (") + mode->id() + u')', mode->id());
        m_csvMode->setItemData(m_csvMode->count() - 1, mode->description(), Qt::ToolTipRole);
    }
    // All modes on one run: what the report's CSV section compares (each against save_serial's).
    m_csvMode->addItem(tr("all in C++, one after another"), allCsvModesList());
    m_csvMode->setItemData(m_csvMode->count() - 1,
        tr("Every write mode once per round, in an order rotated round by round, writing the same files: their "
           "speeds compare on one run"),
        Qt::ToolTipRole);
    form->addRow(tr("Write mode"), m_csvMode);

    m_csvSet = new QSpinBox(box);
    m_csvSet->setRange(1, kMaxSets);
    m_csvSet->setToolTip(tr("Whose results to write: one file per value (set 1: 43 files)"));
    form->addRow(tr("Results of set"), m_csvSet);
    addCsvRoundsRows(box, form);

    for (QDoubleSpinBox** spin : {&m_headerMb, &m_footerMb}) {
        *spin = new MegabyteSpinBox(box);
        (*spin)->setRange(0.0, static_cast<double>(kMaxPaddingBytes) / kBytesPerMegabyte);
        (*spin)->setDecimals(kMegabyteDecimals);
        (*spin)->setSuffix(QStringLiteral(" MB"));
    }
    form->addRow(tr("Header"), m_headerMb);
    form->addRow(tr("Footer"), m_footerMb);

    auto* folderRow = new QHBoxLayout;
    m_folder = new QLineEdit(box);
    m_folder->setPlaceholderText(tr("a fresh folder under %1").arg(QDir::tempPath()));
    auto* choose = new QToolButton(box);
    choose->setText(QStringLiteral("…"));
    choose->setToolTip(tr("Choose the output folder"));
    folderRow->addWidget(m_folder);
    folderRow->addWidget(choose);
    form->addRow(tr("Folder"), folderRow);
    m_csvError = makeErrorLabel(box);
    form->addRow(QString(), m_csvError);

    m_fsync = new QCheckBox(tr("fsync each file (time the disk, not the page cache)"), box);
    m_keepFiles = new QCheckBox(tr("Keep the files"), box);
    form->addRow(m_fsync);
    form->addRow(m_keepFiles);

    connect(choose, &QToolButton::clicked, this, &ControlsPanel::chooseFolder);
    connect(m_csvMode, &QComboBox::currentIndexChanged, this, &ControlsPanel::revalidate);
    connect(m_csvSet, &QSpinBox::valueChanged, this, &ControlsPanel::revalidate);
    connect(m_headerMb, &QDoubleSpinBox::valueChanged, this, &ControlsPanel::revalidate);
    connect(m_footerMb, &QDoubleSpinBox::valueChanged, this, &ControlsPanel::revalidate);
    connect(m_folder, &QLineEdit::textChanged, this, &ControlsPanel::revalidate);
    connect(m_fsync, &QCheckBox::toggled, this, &ControlsPanel::revalidate);
    connect(m_keepFiles, &QCheckBox::toggled, this, &ControlsPanel::revalidate);
    return box;
}

void ControlsPanel::addCsvRoundsRows(QWidget* box, QFormLayout* form)
{
    m_csvRepeat = new QSpinBox(box);
    m_csvRepeat->setRange(0, kMaxRepeat);
    m_csvRepeat->setSpecialValueText(tr("default (%1 with several modes, else 1)").arg(kDefaultCsvRepeatSeveralModes));
    m_csvRepeat->setToolTip(tr("Rounds of the CSV stage (--csv-repeat): each runs every mode and a raw sequential "
                               "write once, in an order rotated round by round; the views quote medians"));
    form->addRow(tr("Rounds"), m_csvRepeat);

    m_csvPoolSize = new QSpinBox(box);
    m_csvPoolSize->setRange(0, maxPoolSize());
    m_csvPoolSize->setSpecialValueText(tr("the cores (%1)").arg(defaultCsvPoolSize()));
    m_csvPoolSize->setToolTip(tr("Writer threads of the pool CSV mode (--csv-pool-size): its own setting, not "
                                 "the strategies' pool size"));
    form->addRow(tr("Writer pool"), m_csvPoolSize);

    connect(m_csvRepeat, &QSpinBox::valueChanged, this, &ControlsPanel::revalidate);
    connect(m_csvPoolSize, &QSpinBox::valueChanged, this, &ControlsPanel::revalidate);
}

void ControlsPanel::chooseFolder()
{
    const QString folder
        = QFileDialog::getExistingDirectory(this, tr("Output folder for the CSV files"), m_folder->text());
    if (!folder.isEmpty())
        m_folder->setText(folder);
}

ExperimentPlan ControlsPanel::plan() const
{
    ExperimentPlan plan;
    plan.sets = parseNumberSets(m_sets->text()).sets;
    plan.strategies.clear();
    for (int row = 0; row < m_strategies->count(); ++row) {
        const QListWidgetItem* item = m_strategies->item(row);
        // A greyed (unavailable) strategy keeps its tick for when it is back, but does not run.
        if (item->checkState() == Qt::Checked && (item->flags() & Qt::ItemIsEnabled))
            plan.strategies << item->data(Qt::UserRole).toString();
    }
    plan.strategyOptions.mpi.hostfile = m_mpiHostfile->text().trimmed();
    plan.strategyOptions.mpi.launcher = m_mpiLauncher->text().trimmed();
    plan.strategyOptions.python.interpreter = m_python->text().trimmed();
    plan.strategyOptions.python.startMethod = m_pythonStartMethod;
    if (m_sweep->isChecked())
        plan.poolSizes = parsePoolSizes(m_sweepEdit->text()).poolSizes;
    else
        plan.poolSizes = {m_autoPool->isChecked() ? kAutoPoolSize : m_poolSpin->value()};
    plan.repeat = m_repeat->value();
    plan.autoRepeat = m_autoRepeat;
    plan.autoRepeat.enabled = m_repeatAuto->isChecked();
    plan.warmup = m_warmup->value();
    plan.retryDisturbed = m_retryDisturbed;
    plan.csv.mode = m_csvMode->currentData().toString();
    plan.csv.setIndex = m_csvSet->value();
    plan.csv.repeat = m_csvRepeat->value();
    plan.csv.poolSize = m_csvPoolSize->value();
    plan.csv.row.headerBytes = static_cast<std::uint64_t>(std::llround(m_headerMb->value() * kBytesPerMegabyte));
    plan.csv.row.footerBytes = static_cast<std::uint64_t>(std::llround(m_footerMb->value() * kBytesPerMegabyte));
    plan.csv.directory = m_folder->text().trimmed();
    plan.csv.fsync = m_fsync->isChecked();
    plan.csv.keepFiles = m_keepFiles->isChecked();
    return plan;
}

void ControlsPanel::setPlan(const ExperimentPlan& plan)
{
    {
        // One validation at the end instead of one per widget.
        const QSignalBlocker blockSets(m_sets);
        const QSignalBlocker blockList(m_strategies);
        const QSignalBlocker blockSweep(m_sweepEdit);
        const QSignalBlocker blockHostfile(m_mpiHostfile);
        const QSignalBlocker blockLauncher(m_mpiLauncher);
        const QSignalBlocker blockPython(m_python);
        m_python->setText(plan.strategyOptions.python.interpreter);
        m_pythonStartMethod = plan.strategyOptions.python.startMethod; // no field: kept as given
        m_sets->setText(formatNumberSets(plan.sets));
        m_mpiHostfile->setText(plan.strategyOptions.mpi.hostfile);
        m_mpiLauncher->setText(plan.strategyOptions.mpi.launcher);
        // A list is a sweep; one value sets the slider (or auto), keeping the sweep text for later.
        const bool sweep = plan.poolSizes.size() > 1;
        if (sweep)
            m_sweepEdit->setText(formatPoolSizes(plan.poolSizes));
        m_sweep->setChecked(sweep);
        for (int row = 0; row < m_strategies->count(); ++row) {
            QListWidgetItem* item = m_strategies->item(row);
            item->setCheckState(
                plan.strategies.contains(item->data(Qt::UserRole).toString()) ? Qt::Checked : Qt::Unchecked);
        }
    }
    const int poolSize = plan.poolSizes.empty() ? kAutoPoolSize : plan.poolSizes.front();
    m_autoPool->setChecked(poolSize == kAutoPoolSize);
    m_poolSpin->setValue(poolSize == kAutoPoolSize ? std::min(4, maxPoolSize()) : poolSize);
    updatePoolControls();
    m_repeat->setValue(plan.repeat);
    m_autoRepeat = plan.autoRepeat; // the precision and budget given on the command line, kept
    m_repeatAuto->setChecked(plan.autoRepeat.enabled);
    m_warmup->setValue(plan.warmup);
    m_retryDisturbed = plan.retryDisturbed;
    const int modeIndex = m_csvMode->findData(plan.csv.mode);
    m_csvMode->setCurrentIndex(modeIndex >= 0 ? modeIndex : 0);
    m_csvSet->setValue(plan.csv.setIndex);
    m_csvRepeat->setValue(plan.csv.repeat);
    m_csvPoolSize->setValue(plan.csv.poolSize);
    m_headerMb->setValue(static_cast<double>(plan.csv.row.headerBytes) / kBytesPerMegabyte);
    m_footerMb->setValue(static_cast<double>(plan.csv.row.footerBytes) / kBytesPerMegabyte);
    m_folder->setText(plan.csv.directory);
    m_fsync->setChecked(plan.csv.fsync);
    m_keepFiles->setChecked(plan.csv.keepFiles);
    revalidate();
}

void ControlsPanel::updateAvailability()
{
    const QSignalBlocker blockList(m_strategies);
    StrategyOptions options;
    options.mpi.launcher = m_mpiLauncher->text().trimmed();
    options.python.interpreter = m_python->text().trimmed();
    for (int row = 0; row < m_strategies->count(); ++row) {
        QListWidgetItem* item = m_strategies->item(row);
        const Strategy* strategy = builtinStrategies().find(item->data(Qt::UserRole).toString());
        const QString reason = strategy->unavailableReason(options);
        item->setFlags(reason.isEmpty() ? item->flags() | Qt::ItemIsEnabled : item->flags() & ~Qt::ItemIsEnabled);
        item->setToolTip(reason.isEmpty() ? strategy->description() : reason);
    }
}

void ControlsPanel::revalidate()
{
    updateAvailability();
    const NumberSetsParse sets = parseNumberSets(m_sets->text());
    const ExperimentPlan plan = this->plan();
    // One check of the whole plan, the CLI's rule (validatePlan() is built on it), field by field.
    const PlanIssues issues = planIssues(plan);
    const QString setsError = sets.ok() ? issues.sets : sets.error;
    const QString strategiesError = plan.strategies.isEmpty() ? tr("Tick at least one strategy") : issues.strategies;
    QString sweepError;
    if (m_sweep->isChecked()) {
        const PoolSizesParse poolSizes = parsePoolSizes(m_sweepEdit->text());
        sweepError = poolSizes.ok() ? issues.poolSizes : poolSizes.error;
    }
    // Its pool size is the sweep's error, told there. Repetitions and warm-up runs cannot be wrong
    // (their boxes hold only valid values): anything the plan still finds shows in the last box.
    QString csvError = sweepError.isEmpty() ? issues.csv : QString();
    if (setsError.isEmpty() && strategiesError.isEmpty() && sweepError.isEmpty() && csvError.isEmpty())
        csvError = issues.first();
    showIssues(setsError, strategiesError, sweepError, csvError);
    m_csvSet->setMaximum(std::max<int>(1, static_cast<int>(sets.sets.size())));
    updateAutoPoolLabel(sets.sets);
    updateEstimate(plan);
}

void ControlsPanel::updateEstimate(const ExperimentPlan& plan)
{
    // Only plans with Python strategies: they are the ones that can take minutes (~90x slower).
    if (!m_error.isEmpty() || !planRunsPython(plan)) {
        m_estimate->clear();
        m_estimate->setToolTip(QString());
        return;
    }
    const PlanEstimate estimate = estimatePlan(plan);
    const QString approximately = estimate.atLeast ? tr("≥ %1") : tr("≈ %1");
    m_estimate->setText(estimate.ok() ? approximately.arg(formatEstimate(estimate.seconds)) : tr("no estimate"));
    m_estimate->setToolTip(tr("Expected time of the set runs: %1").arg(estimate.describe()));
    // Above a minute: warn, in the colour of the panel's other warnings.
    m_estimate->setStyleSheet(estimate.isLong() ? QStringLiteral("color: #b00020; font-weight: bold;") : QString());
}

void ControlsPanel::showIssues(
    const QString& setsError, const QString& strategiesError, const QString& sweepError, const QString& csvError)
{
    showError(m_setsError, setsError);
    showError(m_strategiesError, strategiesError);
    showError(m_sweepError, sweepError);
    showError(m_csvError, csvError);
    m_error.clear();
    const std::pair<QString, QString> fields[] = {{tr("Number sets"), setsError}, {tr("Strategies"), strategiesError},
        {tr("Sweep"), sweepError}, {tr("CSV stage"), csvError}};
    for (const auto& [field, error] : fields) {
        if (m_error.isEmpty() && !error.isEmpty())
            m_error = field + QStringLiteral(": ") + error;
    }
    m_sets->setStyleSheet(setsError.isEmpty() ? QString() : QStringLiteral("border: 1px solid #b00020;"));
    m_run->setEnabled(m_error.isEmpty());
}

void ControlsPanel::updateAutoPoolLabel(const std::vector<NumberSet>& sets)
{
    QStringList tasks;
    for (const NumberSet& set : sets) {
        if (tasks.size() == kAutoSizesShown) {
            tasks << QStringLiteral("…");
            break;
        }
        tasks << QString::number(set.size());
    }
    m_autoPoolLabel->setText(tr("= tasks in each set: %1 workers").arg(tasks.join(QStringLiteral(", "))));
}

void ControlsPanel::setRunning(bool running)
{
    m_cancel->setEnabled(running);
    m_run->setText(running ? tr("&Run next") : tr("&Run"));
    m_run->setEnabled(m_error.isEmpty());
}

bool ControlsPanel::autoRerun() const
{
    return m_autoRerun->isChecked();
}

void ControlsPanel::setAutoRerun(bool enabled)
{
    m_autoRerun->setChecked(enabled);
}

} // namespace calcprof
