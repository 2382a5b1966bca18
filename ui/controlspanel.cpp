#include "controlspanel.h"

#include "numbersets.h"

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
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace calcprof {

namespace {
constexpr double kBytesPerMegabyte = 1e6;
constexpr int kMegabyteDecimals = 6; // byte-exact, like --header-bytes; 0 allowed
constexpr int kPanelMinimumWidth = 400;

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

    m_errorLabel = new QLabel(this);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->hide();
    layout->addWidget(m_errorLabel);

    m_autoRerun = new QCheckBox(tr("Rerun automatically when the pool size changes"), this);
    layout->addWidget(m_autoRerun);

    auto* buttons = new QHBoxLayout;
    m_run = new QPushButton(tr("&Run"), this);
    m_run->setDefault(true);
    m_cancel = new QPushButton(tr("&Cancel"), this);
    m_cancel->setEnabled(false);
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
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

    auto* setsRow = new QHBoxLayout;
    m_sets = new QLineEdit(box);
    m_sets->setToolTip(tr("Number sets: ';' between sets, ',' between numbers, each 0..%1").arg(kMaxTaskNumber));
    auto* reset = new QToolButton(box);
    reset->setText(tr("Defaults"));
    reset->setToolTip(tr("Reset to the original's three sets"));
    setsRow->addWidget(m_sets);
    setsRow->addWidget(reset);
    form->addRow(tr("Number sets"), setsRow);

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

    m_repeat = new QSpinBox(box);
    m_repeat->setRange(1, kMaxRepeat);
    m_repeat->setToolTip(tr("Measured runs of every set x strategy x pool size; charts and tables use medians "
                            "and their 95 % intervals"));
    form->addRow(tr("Repetitions"), m_repeat);

    m_warmup = new QSpinBox(box);
    m_warmup->setRange(0, kMaxWarmup);
    m_warmup->setToolTip(tr("Runs before the measured ones, not recorded: they bring caches, the CPU clock and "
                            "the thread pools' code paths to a steady state"));
    form->addRow(tr("Warm-up runs"), m_warmup);

    connect(reset, &QToolButton::clicked, this, [this] { m_sets->setText(QLatin1StringView(kDefaultNumberSets)); });
    connect(m_sets, &QLineEdit::textChanged, this, &ControlsPanel::revalidate);
    connect(m_strategies, &QListWidget::itemChanged, this, &ControlsPanel::revalidate);
    connect(m_repeat, &QSpinBox::valueChanged, this, &ControlsPanel::revalidate);
    connect(m_warmup, &QSpinBox::valueChanged, this, &ControlsPanel::revalidate);
    return box;
}

QWidget* ControlsPanel::buildPoolBox()
{
    auto* box = new QGroupBox(tr("Pool size"), this);
    auto* layout = new QVBoxLayout(box);
    m_autoPool = new QCheckBox(tr("auto (= tasks in the set, as Pool(len(set)))"), box);
    auto* row = new QHBoxLayout;
    m_poolSlider = new QSlider(Qt::Horizontal, box);
    m_poolSpin = new QSpinBox(box);
    for (QWidget* control : {static_cast<QWidget*>(m_poolSlider), static_cast<QWidget*>(m_poolSpin)})
        control->setToolTip(tr("Workers of the pool strategy and the pool CSV mode: 1 to %1").arg(maxPoolSize()));
    m_poolSlider->setRange(1, maxPoolSize());
    m_poolSpin->setRange(1, maxPoolSize());
    row->addWidget(m_poolSlider, 1);
    row->addWidget(m_poolSpin);
    layout->addWidget(m_autoPool);
    layout->addLayout(row);

    // Slider and spin box mirror each other; the signal fires once per settled value.
    connect(m_poolSlider, &QSlider::valueChanged, m_poolSpin, &QSpinBox::setValue);
    connect(m_poolSpin, &QSpinBox::valueChanged, m_poolSlider, &QSlider::setValue);
    connect(m_poolSpin, &QSpinBox::valueChanged, this, [this] {
        revalidate();
        if (!m_autoPool->isChecked())
            Q_EMIT poolSizeChanged(m_poolSpin->value());
    });
    connect(m_autoPool, &QCheckBox::toggled, this, [this](bool automatic) {
        m_poolSlider->setEnabled(!automatic);
        m_poolSpin->setEnabled(!automatic);
        revalidate();
        Q_EMIT poolSizeChanged(automatic ? kAutoPoolSize : m_poolSpin->value());
    });
    return box;
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
    form->addRow(tr("Write mode"), m_csvMode);

    m_csvSet = new QSpinBox(box);
    m_csvSet->setRange(1, kMaxSets);
    m_csvSet->setToolTip(tr("Whose results to write: one file per value (set 1: 43 files)"));
    form->addRow(tr("Results of set"), m_csvSet);

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
        if (item->checkState() == Qt::Checked)
            plan.strategies << item->data(Qt::UserRole).toString();
    }
    plan.poolSizes = {m_autoPool->isChecked() ? kAutoPoolSize : m_poolSpin->value()};
    plan.repeat = m_repeat->value();
    plan.warmup = m_warmup->value();
    plan.csv.mode = m_csvMode->currentData().toString();
    plan.csv.setIndex = m_csvSet->value();
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
        m_sets->setText(formatNumberSets(plan.sets));
        for (int row = 0; row < m_strategies->count(); ++row) {
            QListWidgetItem* item = m_strategies->item(row);
            item->setCheckState(
                plan.strategies.contains(item->data(Qt::UserRole).toString()) ? Qt::Checked : Qt::Unchecked);
        }
    }
    const int poolSize = plan.poolSizes.empty() ? kAutoPoolSize : plan.poolSizes.front();
    m_autoPool->setChecked(poolSize == kAutoPoolSize);
    m_poolSpin->setValue(poolSize == kAutoPoolSize ? std::min(4, maxPoolSize()) : poolSize);
    m_poolSlider->setEnabled(poolSize != kAutoPoolSize);
    m_poolSpin->setEnabled(poolSize != kAutoPoolSize);
    m_repeat->setValue(plan.repeat);
    m_warmup->setValue(plan.warmup);
    const int modeIndex = m_csvMode->findData(plan.csv.mode);
    m_csvMode->setCurrentIndex(modeIndex >= 0 ? modeIndex : 0);
    m_csvSet->setValue(plan.csv.setIndex);
    m_headerMb->setValue(static_cast<double>(plan.csv.row.headerBytes) / kBytesPerMegabyte);
    m_footerMb->setValue(static_cast<double>(plan.csv.row.footerBytes) / kBytesPerMegabyte);
    m_folder->setText(plan.csv.directory);
    m_fsync->setChecked(plan.csv.fsync);
    m_keepFiles->setChecked(plan.csv.keepFiles);
    revalidate();
}

void ControlsPanel::revalidate()
{
    const NumberSetsParse sets = parseNumberSets(m_sets->text());
    m_error = sets.ok() ? validatePlan(plan()) : tr("Number sets: ") + sets.error;
    m_errorLabel->setText(m_error);
    m_errorLabel->setVisible(!m_error.isEmpty());
    m_sets->setStyleSheet(sets.ok() ? QString() : QStringLiteral("border: 1px solid #b00020;"));
    m_csvSet->setMaximum(std::max<int>(1, static_cast<int>(sets.sets.size())));
    m_run->setEnabled(m_error.isEmpty());
}

void ControlsPanel::setRunning(bool running)
{
    m_cancel->setEnabled(running);
    m_run->setText(running ? tr("&Rerun") : tr("&Run"));
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
