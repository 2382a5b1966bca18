#pragma once

#include "core/model/experimentplan.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSlider;
class QSpinBox;
class QStackedWidget;

namespace calcprof {

/// The side panel: what to run (sets, strategies, pool size or a sweep of them, repetitions, CSV
/// stage) and the Run and Cancel buttons. Every edit is checked at once with planIssues(), the rule
/// the CLI's validatePlan() is built on, field by field: a message shows under the field it concerns, in room
/// kept for it (nothing moves), and disables Run.
class ControlsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ControlsPanel(QWidget* parent = nullptr);

    /// The plan the controls describe (valid or not: see validationError()).
    [[nodiscard]] ExperimentPlan plan() const;
    void setPlan(const ExperimentPlan& plan);
    /// Empty when plan() can run; otherwise the first field's message, prefixed with the field's name.
    [[nodiscard]] QString validationError() const { return m_error; }

    /// While running, the inputs stay editable: Run then queues the next run.
    void setRunning(bool running);
    [[nodiscard]] bool autoRerun() const;
    void setAutoRerun(bool enabled);

    // The widgets, for tests and for the main window's settings.
    QLineEdit* setsEdit() const { return m_sets; }
    QListWidget* strategyList() const { return m_strategies; }
    QLineEdit* mpiLauncherEdit() const { return m_mpiLauncher; }
    QLineEdit* pythonEdit() const { return m_python; }
    QLabel* estimateLabel() const { return m_estimate; }
    QSlider* poolSlider() const { return m_poolSlider; }
    QSpinBox* poolSpinBox() const { return m_poolSpin; }
    QCheckBox* autoPoolCheck() const { return m_autoPool; }
    QLabel* autoPoolLabel() const { return m_autoPoolLabel; }
    QCheckBox* sweepCheck() const { return m_sweep; }
    QLineEdit* sweepEdit() const { return m_sweepEdit; }
    QSpinBox* repeatSpinBox() const { return m_repeat; }
    QCheckBox* repeatAutoCheckBox() const { return m_repeatAuto; }
    QComboBox* csvModeCombo() const { return m_csvMode; }
    QSpinBox* csvRepeatSpin() const { return m_csvRepeat; }
    QSpinBox* csvPoolSizeSpin() const { return m_csvPoolSize; }
    QLineEdit* folderEdit() const { return m_folder; }
    QPushButton* runButton() const { return m_run; }
    QPushButton* cancelButton() const { return m_cancel; }
    // Each under its field, always laid out (empty when the field is fine).
    QLabel* setsError() const { return m_setsError; }
    QLabel* strategiesError() const { return m_strategiesError; }
    QLabel* sweepError() const { return m_sweepError; }
    QLabel* csvError() const { return m_csvError; }

Q_SIGNALS:
    void runRequested();
    void cancelRequested();
    /// The pool size the user settled on (kAutoPoolSize for auto), after a slider, spin box or
    /// auto-box change (not while a sweep is chosen).
    void poolSizeChanged(int poolSize);

private:
    QWidget* buildWorkloadBox();
    void addSetsRows(QWidget* box, QFormLayout* form);
    void addStrategiesRows(QWidget* box, QFormLayout* form);
    QWidget* buildPoolBox();
    QWidget* buildCsvBox();
    /// The CSV rounds and the writer pool's size, added to the CSV box's `form`.
    void addCsvRoundsRows(QWidget* box, QFormLayout* form);
    void chooseFolder();
    void updatePoolControls();
    /// Checks the plan (planIssues(), once) and shows each field's message under it.
    void revalidate();
    void showIssues(
        const QString& setsError, const QString& strategiesError, const QString& sweepError, const QString& csvError);
    /// "= tasks in each set: 3, 4, 3 workers": what auto means for these sets.
    void updateAutoPoolLabel(const std::vector<NumberSet>& sets);
    /// The expected time of `plan` beside Run, when it runs Python strategies (PlanEstimate).
    void updateEstimate(const ExperimentPlan& plan);
    /// Greys the strategies that cannot run here (mpi without Open MPI), with the reason as tooltip.
    void updateAvailability();

    QLineEdit* m_sets = nullptr;
    QListWidget* m_strategies = nullptr;
    QLineEdit* m_mpiHostfile = nullptr;
    QLineEdit* m_mpiLauncher = nullptr;
    QLineEdit* m_python = nullptr;
    QString m_pythonStartMethod; ///< --py-start-method as the plan gave it (no field for it)
    QLabel* m_estimate = nullptr; ///< the plan's expected time, beside Run
    QSlider* m_poolSlider = nullptr;
    QSpinBox* m_poolSpin = nullptr;
    QCheckBox* m_autoPool = nullptr;
    QStackedWidget* m_poolStack = nullptr; ///< the slider and box, or what auto means
    QLabel* m_autoPoolLabel = nullptr;
    QCheckBox* m_sweep = nullptr;
    QLineEdit* m_sweepEdit = nullptr;
    QSpinBox* m_repeat = nullptr;
    QCheckBox* m_repeatAuto = nullptr;
    AutoRepeat m_autoRepeat; ///< the precision and budget of --repeat auto (the window has no control for them)
    QSpinBox* m_warmup = nullptr;
    /// --retry-disturbed as the window was started with (no control of its own: the default suits a
    /// student, and the command line can change it).
    int m_retryDisturbed = kDefaultRetryDisturbed;
    QComboBox* m_csvMode = nullptr;
    QSpinBox* m_csvSet = nullptr;
    QSpinBox* m_csvRepeat = nullptr; ///< 0 shows the default (CsvOptions::repeat)
    QSpinBox* m_csvPoolSize = nullptr; ///< 0 shows the cores (CsvOptions::poolSize)
    QDoubleSpinBox* m_headerMb = nullptr;
    QDoubleSpinBox* m_footerMb = nullptr;
    QLineEdit* m_folder = nullptr;
    QCheckBox* m_fsync = nullptr;
    QCheckBox* m_keepFiles = nullptr;
    QCheckBox* m_autoRerun = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_cancel = nullptr;
    QLabel* m_setsError = nullptr;
    QLabel* m_strategiesError = nullptr;
    QLabel* m_sweepError = nullptr;
    QLabel* m_csvError = nullptr;
    QString m_error;
};

} // namespace calcprof
